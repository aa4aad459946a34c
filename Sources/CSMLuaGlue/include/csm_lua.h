/*
 * C glue between csm and Lua 5.4.
 *
 * Swift never calls a Lua API function that can raise an error: every Lua
 * operation happens inside a protected call made here, and values cross the
 * boundary as byte buffers in the encoding described below. A Lua error
 * therefore never unwinds (longjmp) through a Swift frame.
 *
 * Value encoding (little endian), used in both directions:
 *   0x00 nil | 0x01 false | 0x02 true
 *   0x03 integer: int64 | 0x04 float: double
 *   0x05 string: uint32 length, bytes
 *   0x06 map: uint32 count, count x (key, value)
 *   0x07 array: uint32 count, count x value (keys 1..count)
 *   0x08 function (output only): int32 line defined, uint32 length, source bytes
 *   0x09 other (output only): uint32 length, type name bytes
 */
#ifndef CSM_LUA_H
#define CSM_LUA_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct csm_vm csm_vm;

/* Limits for code that runs inside a guarded call (rule code). */
typedef struct csm_vm_limits {
    size_t memory_limit;       /* bytes the whole Lua heap may hold */
    size_t call_memory_limit;  /* bytes one guarded call may add to the heap */
    int64_t instruction_limit; /* VM instructions one guarded call may run */
    double time_limit;         /* wall-clock seconds one guarded call may run */
} csm_vm_limits;

typedef struct csm_buffer {
    uint8_t *data;
    size_t length;
    size_t capacity;
} csm_buffer;

enum csm_status {
    CSM_OK = 0,
    CSM_ERR_RUN = 1,    /* a Lua error; the buffer holds the message */
    CSM_ERR_SYNTAX = 2, /* the prelude failed to compile */
    CSM_ERR_MEMORY = 3, /* the Lua heap reached its limit outside rule code */
    CSM_ERR_HOST = 4    /* invalid input buffer or a result that cannot be encoded */
};

enum csm_value_tag {
    CSM_TAG_NIL = 0, CSM_TAG_FALSE = 1, CSM_TAG_TRUE = 2, CSM_TAG_INTEGER = 3,
    CSM_TAG_FLOAT = 4, CSM_TAG_STRING = 5, CSM_TAG_MAP = 6, CSM_TAG_ARRAY = 7,
    CSM_TAG_FUNCTION = 8, CSM_TAG_OTHER = 9
};

/* Creates a Lua state with the capped allocator, the limit hook and a panic handler. */
csm_vm *csm_vm_new(csm_vm_limits limits);

void csm_vm_close(csm_vm *vm);

/*
 * Compiles and runs the trusted prelude. Its chunk receives one argument, a
 * table of host functions, and must return the table of driver functions that
 * csm_vm_call invokes by name. On failure `error` holds the message.
 */
int csm_vm_load_prelude(csm_vm *vm, const char *source, size_t length, csm_buffer *error);

/*
 * Calls driver function `name` with one argument decoded from `input` and
 * encodes its first result into `output`. On failure `output` holds the
 * error message as plain text instead.
 */
int csm_vm_call(csm_vm *vm, const char *name, const uint8_t *input, size_t input_length,
                csm_buffer *output);

/* Sets the limits used by later guarded calls. */
void csm_vm_set_limits(csm_vm *vm, csm_vm_limits limits);

/* Bytes the Lua heap holds now. */
size_t csm_vm_memory_in_use(const csm_vm *vm);

/*
 * Seconds the running guarded call is past its deadline, or 0 when no guarded
 * call runs or it is within its limit. Safe to call from another thread: a
 * watchdog uses it to find a call stuck in C code, where the hook cannot fire.
 */
double csm_vm_overdue_seconds(csm_vm *vm);

/* The rule index the driver last announced with host.set_current_rule, or 0. */
int csm_vm_current_rule(csm_vm *vm);

/*
 * The last rule-file line the limit hook saw in the running (or last) guarded
 * call: where a call stuck in C most likely started. Safe to call from another
 * thread. Returns 0 when no rule line was seen.
 */
int csm_vm_last_location(csm_vm *vm, char *file, size_t size, int *line);

/* Asks the running guarded call to stop; safe to call from another thread. */
void csm_vm_interrupt(csm_vm *vm);

/* Clears a request made with csm_vm_interrupt. */
void csm_vm_clear_interrupt(csm_vm *vm);

void csm_buffer_free(csm_buffer *buffer);

/* The Lua release string, for example "Lua 5.4.4". */
const char *csm_lua_release(void);

#ifdef __cplusplus
}
#endif

#endif
