// Imported first by bin/mllab.ts, before any module that may load the SDK: the SDK prints a
// NodeVersionSupportWarning on Node 20 at every start otherwise, on a learner's screen.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
