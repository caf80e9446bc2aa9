/* The data store's client side. */
#include <string.h>
#include <ember/server.h>
#include <ember/proto/ds.h>

static int ds_call(int call, const char *key, uint64_t value, message *m)
{
    memset(m, 0, sizeof(*m));
    m->m_type = call;
    if (key) {
        if (strlen(key) >= DS_KEY_MAX)
            return -E2BIG;
        strcpy(m->ds_req.key, key);
    }
    m->ds_req.value = value;
    int r = ipc_call(DS_EP, m);
    return r < 0 ? r : m->m_type;
}

int ds_publish(const char *key, uint64_t value)
{
    message m;
    return ds_call(DS_PUBLISH, key, value, &m);
}

int ds_lookup(const char *key, uint64_t *value)
{
    message m;
    int r = ds_call(DS_LOOKUP, key, 0, &m);

    if (r == 0)
        *value = m.ds_req.value;
    return r;
}

int ds_retract(const char *key)
{
    message m;
    return ds_call(DS_RETRACT, key, 0, &m);
}

int ds_subscribe(const char *prefix)
{
    message m;
    return ds_call(DS_SUBSCRIBE, prefix, 0, &m);
}

int ds_check(char *key, size_t size, uint64_t *value)
{
    message m;
    int r = ds_call(DS_CHECK, NULL, 0, &m);

    if (r == 0) {
        m.ds_req.key[DS_KEY_MAX - 1] = '\0';
        strncpy(key, m.ds_req.key, size);
        if (size)
            key[size - 1] = '\0';
        *value = m.ds_req.value;
    }
    return r;
}
