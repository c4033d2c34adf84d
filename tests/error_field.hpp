// What a bad-input test asks: which field does the strideload::Error name?
#pragma once

#include <strideload/error.hpp>
#include <string>

namespace test {
/// @return the field() of the strideload::Error that @p call throws, or "no error"
template <class F>
std::string error_field(F&& call) {
    try {
        call();
    } catch (const strideload::Error& e) {
        return e.field();
    }
    return "no error";
}
}  // namespace test
