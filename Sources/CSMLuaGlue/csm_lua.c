/*
 * C glue between csm and Lua 5.4: the capped allocator, the limit hook, the
 * guarded call that runs rule code, and the value encoding that carries data
 * between Lua and Swift. See include/csm_lua.h for the contract.
 */
#include "csm_lua.h"

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/*
 * The count hook fires every HOOK_INTERVAL VM instructions; it counts them and
 * notes where the rule is. The call hook only checks the clock, so a loop of
 * slow C calls (a metamethod driving table.concat, say) stops at the time
 * limit with a location instead of being abandoned by the watchdog. Reading
 * the clock on every call would cost about a sixth of a run, so it reads it
 * on one call in 64.
 */
#define HOOK_INTERVAL 1000
#define HOOK_MASK (LUA_MASKCOUNT | LUA_MASKCALL)
/* The call hook reads the clock on one call in CALL_CHECK_MASK + 1. */
#define CALL_CHECK_MASK 63u

/* Limits of the value encoding, so a hostile result cannot exhaust the host. */
#define MAX_ENCODE_DEPTH 64
#define MAX_ENCODED_BYTES (32u * 1024u * 1024u)
#define MAX_MESSAGE_BYTES 1000

enum trip_kind { TRIP_NONE = 0, TRIP_INSTRUCTIONS, TRIP_TIME, TRIP_INTERRUPT };

struct csm_vm {
    lua_State *L;
    csm_vm_limits limits;
    size_t memory_in_use;
    size_t memory_ceiling; /* current cap: the heap limit, or less inside a guarded call */
    int memory_refused;    /* the allocator refused a request during the current guarded call */
    int armed;             /* a guarded call is running */
    int trip;              /* enum trip_kind: which limit stopped the current guarded call */
    int64_t instructions_left;
    double deadline;
    unsigned calls_unchecked; /* calls since the call hook last read the clock */
    atomic_int interrupt_requested;
    atomic_llong armed_deadline_ns; /* deadline of the running guarded call, 0 when none runs */
    atomic_int current_rule;
    char error_file[256];
    int error_line;
    int trip_located;      /* error_file and error_line say where a limit tripped; later errors keep them */
    /* The last rule-file line the hook saw, for errors that carry no location (memory) and
       for the watchdog (a call stuck in C). Written by the Lua thread under a sequence lock. */
    atomic_uint last_sequence;
    const void *last_source;
    char last_file[256];
    atomic_int last_line;
    int driver_ref;
};


/* ---------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------- */

static double monotonic_seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}


static long long monotonic_nanoseconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
}


static csm_vm *vm_of(lua_State *L) {
    return *(csm_vm **)lua_getextraspace(L);
}


static int buffer_reserve(csm_buffer *buffer, size_t extra) {
    if (buffer->length + extra <= buffer->capacity) return 1;
    size_t capacity = buffer->capacity ? buffer->capacity : 256;
    while (capacity < buffer->length + extra) capacity *= 2;
    uint8_t *data = realloc(buffer->data, capacity);
    if (data == NULL) return 0;
    buffer->data = data;
    buffer->capacity = capacity;
    return 1;
}


static int buffer_append(csm_buffer *buffer, const void *bytes, size_t count) {
    if (!buffer_reserve(buffer, count)) return 0;
    if (count > 0) memcpy(buffer->data + buffer->length, bytes, count);
    buffer->length += count;
    return 1;
}


static void buffer_set_text(csm_buffer *buffer, const char *text, size_t length) {
    buffer->length = 0;
    buffer_append(buffer, text, length);
}


void csm_buffer_free(csm_buffer *buffer) {
    if (buffer == NULL) return;
    free(buffer->data);
    buffer->data = NULL;
    buffer->length = 0;
    buffer->capacity = 0;
}


const char *csm_lua_release(void) {
    return LUA_RELEASE;
}


/* ---------------------------------------------------------------------------
 * Allocator with a cap
 * ------------------------------------------------------------------------- */

static int record_location(csm_vm *vm, lua_State *L, int level);


static void *capped_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    csm_vm *vm = ud;
    size_t old_size = ptr ? osize : 0; /* when ptr is NULL, osize is a type tag */
    if (nsize == 0) {
        free(ptr);
        vm->memory_in_use -= old_size;
        return NULL;
    }
    if (nsize > old_size && vm->memory_in_use - old_size + nsize > vm->memory_ceiling) {
        vm->memory_refused = 1;
#if LUA_VERSION_RELEASE_NUM <= 50404
        /* Lua raises memory errors without calling the message handler, so note the line here.
           Up to 5.4.4 a growing Lua stack is copied only after the new one is allocated, so the
           call stack is consistent during any allocation; later releases move it first. */
        if (vm->armed && !vm->trip_located) record_location(vm, vm->L, 0);
#endif
        return NULL;
    }
    void *block = realloc(ptr, nsize);
    if (block == NULL) {
        if (nsize <= old_size) { /* Lua requires that shrinking never fails */
            vm->memory_in_use = vm->memory_in_use - old_size + nsize;
            return ptr;
        }
        return NULL;
    }
    vm->memory_in_use = vm->memory_in_use - old_size + nsize;
    return block;
}


static int panic_handler(lua_State *L) {
    const char *message = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "unknown error";
    fprintf(stderr, "csm: internal error: unprotected Lua error: %s\n", message);
    fflush(stderr);
    _exit(70);
}


/* ---------------------------------------------------------------------------
 * Locations
 * ------------------------------------------------------------------------- */

/* Records the innermost rule-file frame from `level` up as the error location; returns whether it found one. */
static int record_location(csm_vm *vm, lua_State *L, int level) {
    lua_Debug ar;
    for (; lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar)) break;
        if (ar.source && ar.source[0] == '@' && ar.currentline > 0) {
            snprintf(vm->error_file, sizeof vm->error_file, "%s", ar.source + 1);
            vm->error_line = ar.currentline;
            return 1;
        }
    }
    return 0;
}


/* Notes the running function's line when it is rule code, for later reports. */
static void note_last_location(csm_vm *vm, lua_State *L) {
    lua_Debug ar;
    if (!lua_getstack(L, 0, &ar) || !lua_getinfo(L, "Sl", &ar)) return;
    if (!ar.source || ar.source[0] != '@' || ar.currentline <= 0) return;
    if (ar.source != vm->last_source) {  /* copy the name only when the function changed */
        atomic_fetch_add(&vm->last_sequence, 1);
        snprintf(vm->last_file, sizeof vm->last_file, "%s", ar.source + 1);
        vm->last_source = ar.source;
        atomic_store(&vm->last_line, ar.currentline);
        atomic_fetch_add(&vm->last_sequence, 1);
    } else {
        atomic_store(&vm->last_line, ar.currentline);
    }
}


static void forget_last_location(csm_vm *vm) {
    if (vm->last_source == NULL) return;
    atomic_fetch_add(&vm->last_sequence, 1);
    vm->last_file[0] = '\0';
    vm->last_source = NULL;
    atomic_store(&vm->last_line, 0);
    atomic_fetch_add(&vm->last_sequence, 1);
}


/* ---------------------------------------------------------------------------
 * Limit hook
 * ------------------------------------------------------------------------- */

static int error_handler(lua_State *L);


static const char *trip_message(const csm_vm *vm, char *text, size_t size) {
    switch (vm->trip) {
    case TRIP_INSTRUCTIONS:
        snprintf(text, size, "instruction limit exceeded (%lld instructions)",
                 (long long)vm->limits.instruction_limit);
        break;
    case TRIP_TIME:
        snprintf(text, size, "time limit exceeded (%.3g seconds)", vm->limits.time_limit);
        break;
    default:
        snprintf(text, size, "interrupted");
        break;
    }
    return text;
}


static void limit_hook(lua_State *L, lua_Debug *ar) {
    csm_vm *vm = vm_of(L);
    if (!vm->armed) return;
    if (vm->trip == TRIP_NONE) {
        if (ar->event == LUA_HOOKCOUNT) {
            note_last_location(vm, L);
            int count = lua_gethookcount(L);
            vm->instructions_left -= count;
            if (count != HOOK_INTERVAL) lua_sethook(L, limit_hook, HOOK_MASK, HOOK_INTERVAL);
            if (vm->instructions_left < 0) vm->trip = TRIP_INSTRUCTIONS;
        }
        else if ((++vm->calls_unchecked & CALL_CHECK_MASK) != 0) return;
        if (vm->trip == TRIP_NONE) {
            if (atomic_load_explicit(&vm->interrupt_requested, memory_order_relaxed)) vm->trip = TRIP_INTERRUPT;
            else if (monotonic_seconds() > vm->deadline) vm->trip = TRIP_TIME;
        }
        if (vm->trip == TRIP_NONE) return;
        /* The rule may catch this error; later re-raises happen wherever it goes on. */
        vm->trip_located = record_location(vm, L, 0);
    } else if (ar->event == LUA_HOOKCALL && lua_getinfo(L, "f", ar)) {
        /* Let the message handler run so the error keeps its location. */
        int is_handler = lua_tocfunction(L, -1) == error_handler;
        lua_pop(L, 1);
        if (is_handler) return;
    }
    /* Once tripped, fire on every instruction so a script's own pcall cannot go on. */
    lua_sethook(L, limit_hook, HOOK_MASK, 1);
    char text[128];
    luaL_error(L, "%s", trip_message(vm, text, sizeof text));
}


/* ---------------------------------------------------------------------------
 * Decoding: byte buffer to Lua value
 * ------------------------------------------------------------------------- */

typedef struct decoder {
    const uint8_t *bytes;
    size_t length;
    size_t offset;
} decoder;


static void decode_fail(lua_State *L, const decoder *in) {
    luaL_error(L, "malformed value buffer at byte %d", (int)in->offset);
}


static const uint8_t *decode_take(lua_State *L, decoder *in, size_t count) {
    if (in->length - in->offset < count) decode_fail(L, in);
    const uint8_t *at = in->bytes + in->offset;
    in->offset += count;
    return at;
}


static uint32_t decode_u32(lua_State *L, decoder *in) {
    uint32_t value;
    memcpy(&value, decode_take(L, in, 4), 4);
    return value;
}


static void decode_value(lua_State *L, decoder *in, int depth) {
    if (depth > MAX_ENCODE_DEPTH) luaL_error(L, "value buffer nested too deeply");
    luaL_checkstack(L, 3, "decoding a value");
    uint8_t tag = *decode_take(L, in, 1);
    switch (tag) {
    case CSM_TAG_NIL: lua_pushnil(L); break;
    case CSM_TAG_FALSE: lua_pushboolean(L, 0); break;
    case CSM_TAG_TRUE: lua_pushboolean(L, 1); break;
    case CSM_TAG_INTEGER: {
        int64_t value;
        memcpy(&value, decode_take(L, in, 8), 8);
        lua_pushinteger(L, (lua_Integer)value);
        break;
    }
    case CSM_TAG_FLOAT: {
        double value;
        memcpy(&value, decode_take(L, in, 8), 8);
        lua_pushnumber(L, (lua_Number)value);
        break;
    }
    case CSM_TAG_STRING: {
        uint32_t count = decode_u32(L, in);
        const uint8_t *bytes = decode_take(L, in, count);
        lua_pushlstring(L, (const char *)bytes, count);
        break;
    }
    case CSM_TAG_ARRAY: {
        uint32_t count = decode_u32(L, in);
        lua_createtable(L, count < 1024 ? (int)count : 1024, 0);
        for (uint32_t i = 1; i <= count; i++) {
            decode_value(L, in, depth + 1);
            lua_rawseti(L, -2, (lua_Integer)i);
        }
        break;
    }
    case CSM_TAG_MAP: {
        uint32_t count = decode_u32(L, in);
        lua_createtable(L, 0, count < 1024 ? (int)count : 1024);
        for (uint32_t i = 0; i < count; i++) {
            decode_value(L, in, depth + 1);
            if (lua_isnil(L, -1)) decode_fail(L, in);
            decode_value(L, in, depth + 1);
            lua_rawset(L, -3);
        }
        break;
    }
    default:
        in->offset -= 1;
        decode_fail(L, in);
    }
}


/* ---------------------------------------------------------------------------
 * Encoding: Lua value to byte buffer, with raw access only
 * ------------------------------------------------------------------------- */

static void encode_bytes(lua_State *L, csm_buffer *out, const void *bytes, size_t count) {
    if (out->length + count > MAX_ENCODED_BYTES) luaL_error(L, "result is larger than %d bytes", (int)MAX_ENCODED_BYTES);
    if (!buffer_append(out, bytes, count)) luaL_error(L, "not enough memory to encode a result");
}


static void encode_tag(lua_State *L, csm_buffer *out, uint8_t tag) {
    encode_bytes(L, out, &tag, 1);
}


static void encode_u32(lua_State *L, csm_buffer *out, uint32_t value) {
    encode_bytes(L, out, &value, 4);
}


static void encode_string(lua_State *L, csm_buffer *out, uint8_t tag, const char *text, size_t length) {
    if (length > UINT32_MAX) luaL_error(L, "string too long to encode");
    encode_tag(L, out, tag);
    encode_u32(L, out, (uint32_t)length);
    encode_bytes(L, out, text, length);
}


static void encode_value(lua_State *L, int index, csm_buffer *out, int depth);


/* Counts the table's entries and reports whether its keys are exactly 1..rawlen. */
static int table_is_sequence(lua_State *L, int index, uint32_t *count) {
    lua_Unsigned length = lua_rawlen(L, index);
    lua_Unsigned entries = 0;
    int sequence = 1;
    lua_pushnil(L);
    while (lua_next(L, index) != 0) {
        entries++;
        if (!lua_isinteger(L, -2)) {
            sequence = 0;
        } else {
            lua_Integer key = lua_tointeger(L, -2);
            if (key < 1 || (lua_Unsigned)key > length) sequence = 0;
        }
        lua_pop(L, 1);
        if (entries > UINT32_MAX) luaL_error(L, "table too large to encode");
    }
    *count = (uint32_t)entries;
    return sequence && entries == length;
}


static void encode_table(lua_State *L, int index, csm_buffer *out, int depth) {
    if (depth > MAX_ENCODE_DEPTH) luaL_error(L, "table nested more than %d levels deep (or cyclic)", MAX_ENCODE_DEPTH);
    luaL_checkstack(L, 4, "encoding a table");
    uint32_t count = 0;
    if (table_is_sequence(L, index, &count)) {
        encode_tag(L, out, CSM_TAG_ARRAY);
        encode_u32(L, out, count);
        for (uint32_t i = 1; i <= count; i++) {
            lua_rawgeti(L, index, (lua_Integer)i);
            encode_value(L, lua_gettop(L), out, depth + 1);
            lua_pop(L, 1);
        }
        return;
    }
    encode_tag(L, out, CSM_TAG_MAP);
    encode_u32(L, out, count);
    lua_pushnil(L);
    while (lua_next(L, index) != 0) {
        int top = lua_gettop(L);
        encode_value(L, top - 1, out, depth + 1);
        encode_value(L, top, out, depth + 1);
        lua_pop(L, 1);
    }
}


static void encode_value(lua_State *L, int index, csm_buffer *out, int depth) {
    switch (lua_type(L, index)) {
    case LUA_TNIL: encode_tag(L, out, CSM_TAG_NIL); break;
    case LUA_TBOOLEAN: encode_tag(L, out, lua_toboolean(L, index) ? CSM_TAG_TRUE : CSM_TAG_FALSE); break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, index)) {
            int64_t value = (int64_t)lua_tointeger(L, index);
            encode_tag(L, out, CSM_TAG_INTEGER);
            encode_bytes(L, out, &value, 8);
        } else {
            double value = (double)lua_tonumber(L, index);
            encode_tag(L, out, CSM_TAG_FLOAT);
            encode_bytes(L, out, &value, 8);
        }
        break;
    case LUA_TSTRING: {
        size_t length;
        const char *text = lua_tolstring(L, index, &length); /* a string value is not converted */
        encode_string(L, out, CSM_TAG_STRING, text, length);
        break;
    }
    case LUA_TTABLE: encode_table(L, index, out, depth); break;
    case LUA_TFUNCTION: {
        lua_Debug ar;
        lua_pushvalue(L, index);
        lua_getinfo(L, ">S", &ar);
        int32_t line = ar.linedefined;
        const char *source = ar.source ? ar.source : "?";
        if (source[0] == '@' || source[0] == '=') source++;
        encode_tag(L, out, CSM_TAG_FUNCTION);
        encode_bytes(L, out, &line, 4);
        size_t length = strlen(source);
        encode_u32(L, out, (uint32_t)length);
        encode_bytes(L, out, source, length);
        break;
    }
    default: {
        const char *name = lua_typename(L, lua_type(L, index));
        encode_string(L, out, CSM_TAG_OTHER, name, strlen(name));
        break;
    }
    }
}


/* ---------------------------------------------------------------------------
 * Guarded calls: run rule code under the limits
 * ------------------------------------------------------------------------- */

static void arm(csm_vm *vm, lua_State *L) {
    vm->armed = 1;
    vm->trip = TRIP_NONE;
    vm->memory_refused = 0;
    vm->instructions_left = vm->limits.instruction_limit;
    long long now = monotonic_nanoseconds();
    long long deadline = now + (long long)(vm->limits.time_limit * 1e9);
    vm->deadline = (double)deadline / 1e9;
    atomic_store_explicit(&vm->armed_deadline_ns, deadline, memory_order_release);
    size_t ceiling = vm->memory_in_use + vm->limits.call_memory_limit;
    vm->memory_ceiling = ceiling < vm->limits.memory_limit ? ceiling : vm->limits.memory_limit;
    /* Restart the count so each call gets its full budget before the first hook. */
    lua_sethook(L, limit_hook, HOOK_MASK, HOOK_INTERVAL);
}


static void disarm(csm_vm *vm, lua_State *L) {
    vm->armed = 0;
    atomic_store_explicit(&vm->armed_deadline_ns, 0, memory_order_release);
    vm->memory_ceiling = vm->limits.memory_limit;
    /* Only the trusted driver runs between guarded calls. Without a hook the VM skips its
       per-instruction trace check and the call hook, which cost the driver about a quarter
       of its time. Coroutines keep the hook they were created with, so rule code stays hooked. */
    lua_sethook(L, NULL, 0, 0);
}


/*
 * Message handler: records where in a rule file the error happened. It keeps the
 * earlier location when a limit already tripped, and when no rule frame is on the
 * stack (an error raised again while a to-be-closed variable closes).
 */
static int error_handler(lua_State *L) {
    csm_vm *vm = vm_of(L);
    if (!vm->trip_located) record_location(vm, L, 1);
    return 1;
}


static void push_error_text(lua_State *L, int index) {
    int type = lua_type(L, index);
    if (type == LUA_TSTRING) {
        size_t length;
        const char *text = lua_tolstring(L, index, &length);
        if (length > MAX_MESSAGE_BYTES) {
            lua_pushlstring(L, text, MAX_MESSAGE_BYTES);
            lua_pushliteral(L, "... (message truncated)");
            lua_concat(L, 2);
        } else {
            lua_pushvalue(L, index);
        }
    } else if (type == LUA_TNUMBER) {
        lua_pushfstring(L, "error object is a number (%f)", lua_tonumber(L, index));
    } else {
        lua_pushfstring(L, "error object is a %s value", lua_typename(L, type));
    }
}


/*
 * guarded_call(fn, ...) runs fn under the limits.
 * Returns true, results... on success, or false and a table
 * { kind = "error"|"memory"|"instructions"|"time"|"interrupted", message =, file =, line = }.
 */
static int host_guarded_call(lua_State *L) {
    csm_vm *vm = vm_of(L);
    if (vm->armed) return luaL_error(L, "guarded calls cannot be nested");
    luaL_checktype(L, 1, LUA_TFUNCTION);
    int arguments = lua_gettop(L) - 1;
    lua_pushcfunction(L, error_handler);
    lua_insert(L, 1);
    vm->error_file[0] = '\0';
    vm->error_line = 0;
    vm->trip_located = 0;
    forget_last_location(vm);

    arm(vm, L);
    int status = lua_pcall(L, arguments, LUA_MULTRET, 1);
    int trip = vm->trip;
    int refused = vm->memory_refused;
    disarm(vm, L);

    if (status == LUA_OK && trip == TRIP_NONE) {
        lua_pushboolean(L, 1);
        lua_replace(L, 1);
        return lua_gettop(L);
    }
    const char *kind = "error";
    if (trip == TRIP_INSTRUCTIONS) kind = "instructions";
    else if (trip == TRIP_TIME) kind = "time";
    else if (trip == TRIP_INTERRUPT) kind = "interrupted";
    else if (status == LUA_ERRMEM) kind = "memory";  /* a refusal the rule caught and survived is not the cause */
    if (status == LUA_ERRMEM || refused) lua_gc(L, LUA_GCCOLLECT);
    if (status == LUA_ERRMEM && vm->error_file[0] == '\0' && vm->last_file[0] != '\0') {
        /* Lua reports memory errors without calling the message handler: use the last line the hook saw. */
        snprintf(vm->error_file, sizeof vm->error_file, "%s", vm->last_file);
        vm->error_line = atomic_load(&vm->last_line);
    }

    int error_index = lua_gettop(L);
    lua_pushboolean(L, 0);
    lua_createtable(L, 0, 4);
    lua_pushstring(L, kind);
    lua_setfield(L, -2, "kind");
    if (trip != TRIP_NONE) {
        char text[128];
        lua_pushstring(L, trip_message(vm, text, sizeof text));
    } else if (status == LUA_ERRMEM) {
        lua_pushliteral(L, "not enough memory");
    } else if (status == LUA_ERRERR) {
        lua_pushliteral(L, "error while handling an error (stack overflow?)");
    } else {
        push_error_text(L, error_index);
    }
    lua_setfield(L, -2, "message");
    if (vm->error_file[0] != '\0') {
        lua_pushstring(L, vm->error_file);
        lua_setfield(L, -2, "file");
        lua_pushinteger(L, vm->error_line);
        lua_setfield(L, -2, "line");
    }
    return 2;
}


/* ---------------------------------------------------------------------------
 * Other host functions for the trusted prelude
 * ------------------------------------------------------------------------- */

/* load_text(source, chunkname [, env]) compiles text only; returns fn or nil, message. */
static int host_load_text(lua_State *L) {
    size_t length;
    const char *source = luaL_checklstring(L, 1, &length);
    const char *name = luaL_checkstring(L, 2);
    int status = luaL_loadbufferx(L, source, length, name, "t");
    if (status != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    if (!lua_isnoneornil(L, 3)) {
        lua_pushvalue(L, 3);
        if (lua_setupvalue(L, -2, 1) == NULL) lua_pop(L, 1);
    }
    return 1;
}


/* set_env(fn, env) replaces a main chunk's _ENV upvalue. */
static int host_set_env(lua_State *L) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    const char *name = lua_getupvalue(L, 1, 1);
    if (name == NULL || strcmp(name, "_ENV") != 0) return luaL_error(L, "function has no _ENV upvalue");
    lua_pop(L, 1);
    lua_setupvalue(L, 1, 1);
    return 0;
}


/*
 * caller_location() returns the file and line of the outermost frame of the
 * innermost rule file on the stack: the line in the file's main chunk, so a
 * rule declared through a helper function gets the line that calls the helper.
 */
static int host_caller_location(lua_State *L) {
    lua_Debug ar;
    char file[256] = "";
    int line = 0;
    for (int level = 1; lua_getstack(L, level, &ar); level++) {
        if (!lua_getinfo(L, "Sl", &ar)) break;
        if (!ar.source || ar.source[0] != '@' || ar.currentline <= 0) continue;
        if (file[0] == '\0') {
            snprintf(file, sizeof file, "%s", ar.source + 1);
        } else if (strcmp(file, ar.source + 1) != 0) {
            break;
        }
        line = ar.currentline;
    }
    if (file[0] == '\0') return 0;
    lua_pushstring(L, file);
    lua_pushinteger(L, line);
    return 2;
}


/* function_location(fn) returns the file and the line where fn is defined. */
static int host_function_location(lua_State *L) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_Debug ar;
    lua_pushvalue(L, 1);
    lua_getinfo(L, ">S", &ar);
    const char *source = ar.source ? ar.source : "?";
    if (source[0] == '@' || source[0] == '=') source++;
    lua_pushstring(L, source);
    lua_pushinteger(L, ar.linedefined);
    return 2;
}


/*
 * Reports whether the value at `index` holds no mutable state: nil, booleans,
 * numbers, strings, C functions, functions of the trusted prelude, and Lua
 * functions whose upvalues are all such values or the file's environment
 * (`env_index`). Tables, userdata and coroutines are state. `visited` (a table
 * at `visited_index`) stops cycles between functions.
 *
 * An upvalue cell can be assigned even when its value is a number, so every
 * upvalue cell of a Lua function other than the environment is recorded, once,
 * in the snapshot table at `snapshot_index` as { function, upvalue number,
 * value }. Restoring the snapshot puts each cell back as it was after the
 * first run.
 */
static int holds_no_state(lua_State *L, int index, int env_index, int visited_index,
                          int snapshot_index, int depth) {
    int type = lua_type(L, index);
    if (type == LUA_TNIL || type == LUA_TBOOLEAN || type == LUA_TNUMBER || type == LUA_TSTRING) return 1;
    if (type != LUA_TFUNCTION) return lua_rawequal(L, index, env_index);
    if (lua_iscfunction(L, index)) return 1;
    if (depth > 64) return 0;
    luaL_checkstack(L, 6, "checking rule state");
    lua_pushvalue(L, index);
    if (lua_rawget(L, visited_index) != LUA_TNIL) {
        lua_pop(L, 1);
        return 1;
    }
    lua_pop(L, 1);
    lua_pushvalue(L, index);
    lua_pushboolean(L, 1);
    lua_rawset(L, visited_index);

    lua_Debug ar;
    lua_pushvalue(L, index);
    lua_getinfo(L, ">S", &ar);
    if (ar.source && strcmp(ar.source, "=csm-prelude") == 0) return 1;
    for (int upvalue = 1; lua_getupvalue(L, index, upvalue) != NULL; upvalue++) {
        int value = lua_gettop(L);
        /* Closures of one file share cells (a local captured by many rules): record each cell once. */
        int seen = 1;
        if (!lua_rawequal(L, value, env_index)) {
            lua_pushlightuserdata(L, lua_upvalueid(L, index, upvalue));
            seen = lua_rawget(L, visited_index) != LUA_TNIL;
            lua_pop(L, 1);
        }
        if (!seen) {
            lua_pushlightuserdata(L, lua_upvalueid(L, index, upvalue));
            lua_pushboolean(L, 1);
            lua_rawset(L, visited_index);
            lua_createtable(L, 3, 0);
            lua_pushvalue(L, index);
            lua_rawseti(L, -2, 1);
            lua_pushinteger(L, upvalue);
            lua_rawseti(L, -2, 2);
            lua_pushvalue(L, value);
            lua_rawseti(L, -2, 3);
            lua_rawseti(L, snapshot_index, (lua_Integer)lua_rawlen(L, snapshot_index) + 1);
        }
        int pure = holds_no_state(L, value, env_index, visited_index, snapshot_index, depth + 1);
        lua_pop(L, 1);
        if (!pure) return 0;
    }
    return 1;
}


/*
 * is_stateless(chunk, env, functions) reports whether a rule file keeps no
 * state between assessments beyond the globals in `env` and the upvalue cells
 * of its functions: the chunk, every global and every function in the list
 * `functions` (the rules' when, reason, priority and factor) hold no other
 * state. Such a file can be reset by restoring its globals and upvalues
 * instead of running it again. Returns the verdict and, when stateless, the
 * upvalue snapshot for restore_upvalues.
 */
static int host_is_stateless(lua_State *L) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    luaL_checktype(L, 2, LUA_TTABLE);
    luaL_checktype(L, 3, LUA_TTABLE);
    lua_settop(L, 3);
    lua_newtable(L);  /* index 4: functions already visited */
    lua_newtable(L);  /* index 5: upvalue snapshot */
    int pure = holds_no_state(L, 1, 2, 4, 5, 0);
    lua_pushnil(L);
    while (pure && lua_next(L, 2) != 0) {
        if (lua_type(L, -2) != LUA_TSTRING) pure = 0;
        else pure = holds_no_state(L, lua_gettop(L), 2, 4, 5, 0);
        lua_pop(L, 1);
    }
    if (!pure) lua_settop(L, 5);
    lua_Integer count = (lua_Integer)lua_rawlen(L, 3);
    for (lua_Integer position = 1; pure && position <= count; position++) {
        lua_rawgeti(L, 3, position);
        pure = holds_no_state(L, lua_gettop(L), 2, 4, 5, 0);
        lua_pop(L, 1);
    }
    lua_settop(L, 5);
    lua_pushboolean(L, pure);
    if (pure) lua_pushvalue(L, 5);
    else lua_pushnil(L);
    return 2;
}


/* restore_upvalues(snapshot) puts back every upvalue cell recorded by is_stateless. */
static int host_restore_upvalues(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer count = (lua_Integer)lua_rawlen(L, 1);
    for (lua_Integer position = 1; position <= count; position++) {
        lua_rawgeti(L, 1, position);
        int entry = lua_gettop(L);
        lua_rawgeti(L, entry, 1);
        lua_rawgeti(L, entry, 2);
        int upvalue = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
        lua_rawgeti(L, entry, 3);
        lua_setupvalue(L, entry + 1, upvalue);
        lua_settop(L, entry - 1);
    }
    return 0;
}


/* memory_in_use() returns the heap size in bytes. */
static int host_memory_in_use(lua_State *L) {
    lua_pushinteger(L, (lua_Integer)vm_of(L)->memory_in_use);
    return 1;
}


/* limits() returns the current limits as a table. */
static int host_limits(lua_State *L) {
    csm_vm *vm = vm_of(L);
    lua_createtable(L, 0, 4);
    lua_pushinteger(L, (lua_Integer)vm->limits.memory_limit);
    lua_setfield(L, -2, "memory");
    lua_pushinteger(L, (lua_Integer)vm->limits.call_memory_limit);
    lua_setfield(L, -2, "call_memory");
    lua_pushinteger(L, (lua_Integer)vm->limits.instruction_limit);
    lua_setfield(L, -2, "instructions");
    lua_pushnumber(L, vm->limits.time_limit);
    lua_setfield(L, -2, "time");
    return 1;
}


/* set_current_rule(index) tells a watchdog which rule runs, for its report. */
static int host_set_current_rule(lua_State *L) {
    atomic_store(&vm_of(L)->current_rule, (int)luaL_checkinteger(L, 1));
    return 0;
}


/* limit_reached() reports whether a limit stopped the running guarded call. */
static int host_limit_reached(lua_State *L) {
    lua_pushboolean(L, vm_of(L)->trip != TRIP_NONE);
    return 1;
}


static const luaL_Reg host_functions[] = {
    {"limit_reached", host_limit_reached},
    {"set_current_rule", host_set_current_rule},
    {"is_stateless", host_is_stateless},
    {"restore_upvalues", host_restore_upvalues},
    {"guarded_call", host_guarded_call},
    {"load_text", host_load_text},
    {"set_env", host_set_env},
    {"caller_location", host_caller_location},
    {"function_location", host_function_location},
    {"memory_in_use", host_memory_in_use},
    {"limits", host_limits},
    {NULL, NULL}
};


/* ---------------------------------------------------------------------------
 * State setup
 * ------------------------------------------------------------------------- */

static void remove_field(lua_State *L, const char *table, const char *field) {
    lua_getglobal(L, table);
    lua_pushnil(L);
    lua_setfield(L, -2, field);
    lua_pop(L, 1);
}


/*
 * string.rep with guards, installed in the string table itself so that
 * method calls ("x"):rep(n) use it too. An empty result returns at once
 * (Lua 5.4 loops n times even when nothing is copied), and a result larger
 * than one call's memory budget is refused before any work.
 */
static int guarded_rep(lua_State *L) {
    size_t length, separator_length;
    luaL_checklstring(L, 1, &length);
    lua_Integer count = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &separator_length);
    size_t unit = length + separator_length;
    if (count <= 0 || unit == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    if ((lua_Unsigned)count > vm_of(L)->limits.call_memory_limit / unit) {
        return luaL_error(L, "string.rep result exceeds the memory limit");
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}


/* Opens the allowed libraries and strips what even the trusted prelude must not have. */
static int open_libraries(lua_State *L) {
    static const luaL_Reg libraries[] = {
        {LUA_GNAME, luaopen_base},
        {LUA_STRLIBNAME, luaopen_string},
        {LUA_TABLIBNAME, luaopen_table},
        {LUA_MATHLIBNAME, luaopen_math},
        {LUA_UTF8LIBNAME, luaopen_utf8},
        {LUA_OSLIBNAME, luaopen_os},
        {LUA_COLIBNAME, luaopen_coroutine},
        {NULL, NULL}
    };
    for (const luaL_Reg *library = libraries; library->func; library++) {
        luaL_requiref(L, library->name, library->func, 1);
        lua_pop(L, 1);
    }
    static const char *const base_removed[] = {"dofile", "loadfile", "load", "print", "require", NULL};
    for (const char *const *name = base_removed; *name; name++) {
        lua_pushnil(L);
        lua_setglobal(L, *name);
    }
    static const char *const os_removed[] = {
        "execute", "exit", "getenv", "remove", "rename", "setlocale", "tmpname", NULL
    };
    for (const char *const *name = os_removed; *name; name++) remove_field(L, LUA_OSLIBNAME, *name);
    remove_field(L, LUA_STRLIBNAME, "dump");
    lua_getglobal(L, LUA_STRLIBNAME);
    lua_getfield(L, -1, "rep");
    lua_pushcclosure(L, guarded_rep, 1);
    lua_setfield(L, -2, "rep");
    lua_pop(L, 1);

    /* getmetatable("") returns false instead of the string metatable. */
    lua_pushliteral(L, "");
    if (lua_getmetatable(L, -1)) {
        lua_pushboolean(L, 0);
        lua_setfield(L, -2, "__metatable");
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return 0;
}


csm_vm *csm_vm_new(csm_vm_limits limits) {
    csm_vm *vm = calloc(1, sizeof *vm);
    if (vm == NULL) return NULL;
    vm->limits = limits;
    vm->memory_ceiling = limits.memory_limit;
    vm->driver_ref = LUA_NOREF;
    atomic_init(&vm->interrupt_requested, 0);
    atomic_init(&vm->armed_deadline_ns, 0);
    atomic_init(&vm->current_rule, 0);
    atomic_init(&vm->last_sequence, 0);
    atomic_init(&vm->last_line, 0);
    lua_State *L = lua_newstate(capped_alloc, vm);
    if (L == NULL) {
        free(vm);
        return NULL;
    }
    vm->L = L;
    *(csm_vm **)lua_getextraspace(L) = vm;
    lua_atpanic(L, panic_handler);
    /* No hook yet: arm() installs it for each guarded call, which is where all rule code runs. */
    lua_pushcfunction(L, open_libraries);
    if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
        lua_close(L);
        free(vm);
        return NULL;
    }
    return vm;
}


void csm_vm_close(csm_vm *vm) {
    if (vm == NULL) return;
    lua_close(vm->L);
    free(vm);
}


void csm_vm_set_limits(csm_vm *vm, csm_vm_limits limits) {
    vm->limits = limits;
    vm->memory_ceiling = limits.memory_limit;
}


size_t csm_vm_memory_in_use(const csm_vm *vm) {
    return vm->memory_in_use;
}


double csm_vm_overdue_seconds(csm_vm *vm) {
    long long deadline = atomic_load(&vm->armed_deadline_ns);
    if (deadline == 0) return 0;
    long long late = monotonic_nanoseconds() - deadline;
    return late > 0 ? (double)late / 1e9 : 0;
}


int csm_vm_current_rule(csm_vm *vm) {
    return atomic_load(&vm->current_rule);
}


int csm_vm_last_location(csm_vm *vm, char *file, size_t size, int *line) {
    for (int attempt = 0; attempt < 100; attempt++) {
        unsigned before = atomic_load(&vm->last_sequence);
        if (before % 2 != 0) continue;  /* a write is in progress */
        char copy[256];
        memcpy(copy, vm->last_file, sizeof copy);
        int seen = atomic_load(&vm->last_line);
        if (atomic_load(&vm->last_sequence) != before) continue;
        copy[sizeof copy - 1] = '\0';
        if (copy[0] == '\0' || seen <= 0) return 0;
        snprintf(file, size, "%s", copy);
        *line = seen;
        return 1;
    }
    return 0;
}


void csm_vm_interrupt(csm_vm *vm) {
    atomic_store(&vm->interrupt_requested, 1);
}


void csm_vm_clear_interrupt(csm_vm *vm) {
    atomic_store(&vm->interrupt_requested, 0);
}


/* ---------------------------------------------------------------------------
 * Entry points used by Swift; each runs its Lua work in a protected call
 * ------------------------------------------------------------------------- */

typedef struct prelude_request {
    const char *source;
    size_t length;
} prelude_request;


static int protected_load_prelude(lua_State *L) {
    prelude_request *request = lua_touserdata(L, 1);
    csm_vm *vm = vm_of(L);
    if (luaL_loadbufferx(L, request->source, request->length, "=csm-prelude", "t") != LUA_OK) {
        return lua_error(L);
    }
    luaL_newlib(L, host_functions);
    lua_call(L, 1, 1);
    if (!lua_istable(L, -1)) return luaL_error(L, "the prelude must return a table of driver functions");
    vm->driver_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    return 0;
}


static void copy_error(lua_State *L, int status, csm_buffer *out) {
    if (status == LUA_ERRMEM) {
        buffer_set_text(out, "not enough memory (Lua heap limit reached)", 42);
    } else if (lua_type(L, -1) == LUA_TSTRING) {
        size_t length;
        const char *text = lua_tolstring(L, -1, &length);
        buffer_set_text(out, text, length);
    } else {
        const char *text = "error object is not a string";
        buffer_set_text(out, text, strlen(text));
    }
}


int csm_vm_load_prelude(csm_vm *vm, const char *source, size_t length, csm_buffer *error) {
    lua_State *L = vm->L;
    prelude_request request = {source, length};
    lua_settop(L, 0);
    lua_pushcfunction(L, protected_load_prelude);
    lua_pushlightuserdata(L, &request);
    int status = lua_pcall(L, 1, 0, 0);
    if (status != LUA_OK) {
        copy_error(L, status, error);
        lua_settop(L, 0);
        return status == LUA_ERRSYNTAX ? CSM_ERR_SYNTAX : CSM_ERR_RUN;
    }
    lua_settop(L, 0);
    return CSM_OK;
}


typedef struct call_request {
    const char *name;
    const uint8_t *input;
    size_t input_length;
    csm_buffer *output;
    int host_failure; /* the input or the result could not be converted */
} call_request;


static int protected_call(lua_State *L) {
    call_request *request = lua_touserdata(L, 1);
    csm_vm *vm = vm_of(L);
    lua_rawgeti(L, LUA_REGISTRYINDEX, vm->driver_ref);
    if (!lua_istable(L, -1)) return luaL_error(L, "the prelude is not loaded");
    lua_pushstring(L, request->name);
    lua_rawget(L, -2);
    if (!lua_isfunction(L, -1)) return luaL_error(L, "no driver function named '%s'", request->name);

    decoder in = {request->input, request->input_length, 0};
    request->host_failure = 1;
    decode_value(L, &in, 0);
    if (in.offset != in.length) decode_fail(L, &in);
    request->host_failure = 0;

    lua_call(L, 1, 1);

    request->host_failure = 1;
    request->output->length = 0;
    encode_value(L, lua_gettop(L), request->output, 0);
    request->host_failure = 0;
    return 0;
}


int csm_vm_call(csm_vm *vm, const char *name, const uint8_t *input, size_t input_length,
                csm_buffer *output) {
    lua_State *L = vm->L;
    call_request request = {name, input, input_length, output, 0};
    lua_settop(L, 0);
    lua_pushcfunction(L, protected_call);
    lua_pushlightuserdata(L, &request);
    int status = lua_pcall(L, 1, 0, 0);
    if (status != LUA_OK) {
        copy_error(L, status, output);
        lua_settop(L, 0);
        if (status == LUA_ERRMEM) return CSM_ERR_MEMORY;
        return request.host_failure ? CSM_ERR_HOST : CSM_ERR_RUN;
    }
    lua_settop(L, 0);
    return CSM_OK;
}
