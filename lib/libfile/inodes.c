/* A hash set of (device, inode) pairs with a name each; see file_inodes.h. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "file_alloc.h"
#include "file_inodes.h"

struct inode_entry {
    dev_t dev;
    ino_t ino;
    char *name;
};

/* Open addressing with linear probing; the table is kept at most half full. */
struct inode_set {
    struct inode_entry *slots;
    size_t capacity; /* a power of two */
    size_t count;
};

struct inode_set *inode_set_new(void)
{
    struct inode_set *set = xmalloc(sizeof *set);

    set->capacity = 64;
    set->count = 0;
    set->slots = xreallocarray(NULL, set->capacity, sizeof *set->slots);
    memset(set->slots, 0, set->capacity * sizeof *set->slots);
    return set;
}

void inode_set_free(struct inode_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->capacity; i++)
        free(set->slots[i].name);
    free(set->slots);
    free(set);
}

static size_t inode_hash(dev_t dev, ino_t ino)
{
    uint64_t h = (uint64_t)ino * 0x9e3779b97f4a7c15ULL;

    return (size_t)(h ^ ((uint64_t)dev * 0xc2b2ae3d27d4eb4fULL) ^ (h >> 29));
}

/* The slot holding (dev, ino), or the empty slot where it belongs. */
static struct inode_entry *inode_slot(struct inode_set *set, dev_t dev, ino_t ino)
{
    size_t i = inode_hash(dev, ino) & (set->capacity - 1);

    while (set->slots[i].name && !(set->slots[i].dev == dev && set->slots[i].ino == ino))
        i = (i + 1) & (set->capacity - 1);
    return &set->slots[i];
}

static void inode_set_grow(struct inode_set *set)
{
    struct inode_entry *old = set->slots;
    size_t old_capacity = set->capacity;

    set->capacity *= 2;
    set->slots = xreallocarray(NULL, set->capacity, sizeof *set->slots);
    memset(set->slots, 0, set->capacity * sizeof *set->slots);
    for (size_t i = 0; i < old_capacity; i++)
        if (old[i].name)
            *inode_slot(set, old[i].dev, old[i].ino) = old[i];
    free(old);
}

bool inode_set_add(struct inode_set *set, dev_t dev, ino_t ino, const char *name,
                   const char **first_name)
{
    struct inode_entry *slot;

    if ((set->count + 1) * 2 > set->capacity)
        inode_set_grow(set);
    slot = inode_slot(set, dev, ino);
    if (slot->name) {
        if (first_name)
            *first_name = slot->name;
        return false;
    }
    slot->dev = dev;
    slot->ino = ino;
    slot->name = xstrdup(name);
    set->count++;
    return true;
}
