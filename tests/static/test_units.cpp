// Compile-only checks of the units layer: wrong dimensions do not compile, right ones do.
#include <strideload/strideload.hpp>
#include <type_traits>

namespace sl = strideload;

static_assert(std::is_same_v<decltype(sl::Mass{} * sl::Acceleration{}), sl::Force>);
static_assert(std::is_same_v<decltype(sl::Force{} * sl::Time{}), sl::Impulse>);
static_assert(std::is_same_v<decltype(sl::Force{} / sl::Length{}), sl::Stiffness>);
static_assert(std::is_same_v<decltype(sl::Length{} / sl::Time{}), sl::Speed>);
static_assert(std::is_same_v<decltype(1.0 / sl::Time{}), sl::Frequency>);
static_assert(!std::is_convertible_v<sl::Mass, sl::Force>);
static_assert(!std::is_convertible_v<sl::Time, sl::Length>);
static_assert(!std::is_convertible_v<double, sl::Force>);
static_assert(!std::is_constructible_v<sl::Stride, double, double, double>);

int main() { return 0; }
