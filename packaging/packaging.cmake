# Packaging: a man page and a bash completion written from the built binary's --help, both
# installed by `cmake --install`, and a Debian package built by CPack (`cpack -G DEB` in the
# build tree): binary in /usr/bin, library in /usr/share/policyforge.

set(PF_MAN_PAGE ${CMAKE_BINARY_DIR}/packaging/policyforge.1.gz)
set(PF_COMPLETION ${CMAKE_BINARY_DIR}/packaging/completion/policyforge)
add_custom_command(
  OUTPUT ${PF_MAN_PAGE} ${PF_COMPLETION}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/packaging/completion
  COMMAND Python3::Interpreter ${CMAKE_SOURCE_DIR}/packaging/gen_docs.py $<TARGET_FILE:policyforge>
          ${PROJECT_VERSION} ${PF_MAN_PAGE} ${PF_COMPLETION}
  DEPENDS policyforge ${CMAKE_SOURCE_DIR}/packaging/gen_docs.py
  COMMENT "Writing the man page and the bash completion from policyforge --help")
add_custom_target(policyforge_docs ALL DEPENDS ${PF_MAN_PAGE} ${PF_COMPLETION})

install(FILES ${PF_MAN_PAGE} DESTINATION share/man/man1)
install(FILES ${PF_COMPLETION} DESTINATION share/bash-completion/completions)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME policyforge)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "PolicyForge")
set(CPACK_PACKAGE_CONTACT "PolicyForge maintainers <maintainers@policyforge.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "reliability policy catalog from a service model, deterministic and offline")
set(CPACK_PACKAGE_DESCRIPTION
    "policyforge reads a YAML model of a service (ledgers, flows, integrations, lifecycles)\n\
and writes a reliability policy catalog in Markdown, JSON or a self-contained HTML page.\n\
Rules and templates are data under /usr/share/policyforge.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Library dependencies: dpkg-shlibdeps (dpkg-dev) on the binary, in cpack_project.cmake.in.
# Graphviz draws the HTML report.
set(PF_BINARY ${CMAKE_BINARY_DIR}/policyforge)
configure_file(${CMAKE_SOURCE_DIR}/packaging/cpack_project.cmake.in ${CMAKE_BINARY_DIR}/packaging/cpack_project.cmake
               @ONLY)
set(CPACK_PROJECT_CONFIG_FILE ${CMAKE_BINARY_DIR}/packaging/cpack_project.cmake)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS graphviz)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS bash-completion)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
include(CPack)
