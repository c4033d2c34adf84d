// Training-log CSV reader — see include/strideload/io/activity.hpp.
#include "strideload/io/activity.hpp"
