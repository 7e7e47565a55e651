// Debian's libsnappy-dev (snappy's own C interface): the block format remote write and remote read use.
#include <snappy-c.h>
