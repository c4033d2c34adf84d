// TCX and GPX readers (pugixml) — see include/strideload/io/activity.hpp.
#include "strideload/io/activity.hpp"
