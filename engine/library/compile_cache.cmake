# Writes the compiled library cache at build time: cmake -DPF=BINARY -DLIB=LIBRARY -DOUT=FILE -P
# compile_cache.cmake. A library that does not compile (a rule being edited, a lint error)
# must not fail the build: the cache is then empty, which generate ignores (it parses).
execute_process(COMMAND ${PF} --library ${LIB} rules compile -o ${OUT}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(WARNING "policyforge rules compile failed (generate will parse the library):\n${err}")
  file(WRITE ${OUT} "")
endif()
