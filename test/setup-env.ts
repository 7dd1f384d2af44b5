// Tests must never reach AWS: no real credentials, no real endpoints.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
process.env.AWS_SECRET_ACCESS_KEY = 'test-secret';
process.env.AWS_REGION = 'us-east-1';
delete process.env.AWS_PROFILE;
delete process.env.AWS_SESSION_TOKEN;
process.env.AWS_EC2_METADATA_DISABLED = 'true';
// A safety net: any SDK call a test forgot to mock goes to a closed port on loopback, never to AWS.
process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
