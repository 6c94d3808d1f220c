/*
 * The counted core row's switch (tools/bench/countedCore.ts): a Node addon whose `start` and `stop`
 * turn valgrind's callgrind counting on and off, so the count covers exactly the puts run between
 * the two calls (not Node's start, the JIT's warm-up or the workload's scheduling). Outside
 * valgrind both are no-ops. Built by the bench with the machine's C compiler against Node's headers.
 */
#include <node_api.h>
#include <valgrind/callgrind.h>

static napi_value Start(napi_env env, napi_callback_info info) {
  CALLGRIND_ZERO_STATS;
  CALLGRIND_START_INSTRUMENTATION;
  CALLGRIND_TOGGLE_COLLECT;
  return NULL;
}

static napi_value Stop(napi_env env, napi_callback_info info) {
  CALLGRIND_TOGGLE_COLLECT;
  CALLGRIND_STOP_INSTRUMENTATION;
  CALLGRIND_DUMP_STATS_AT("counted");
  return NULL;
}

static napi_value Init(napi_env env, napi_value exports) {
  napi_value f;
  napi_create_function(env, "start", NAPI_AUTO_LENGTH, Start, NULL, &f);
  napi_set_named_property(env, exports, "start", f);
  napi_create_function(env, "stop", NAPI_AUTO_LENGTH, Stop, NULL, &f);
  napi_set_named_property(env, exports, "stop", f);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
