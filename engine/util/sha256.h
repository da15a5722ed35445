#pragma once
#include <string>
#include <string_view>

namespace pf {
/// Lower-case hex SHA-256 of the bytes (OpenSSL's EVP interface).
std::string sha256_hex(std::string_view bytes);
}  // namespace pf
