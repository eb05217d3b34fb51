// Evaluates IAM requests with @cloud-copilot/iam-simulate (a test-time tool, never shipped).
// stdin: {"account", "principal", "identityPolicy", "sessionPolicy",
//         "requests": [{"action", "resource", "context"}]}
// stdout: [{"action", "resource", "result"}] where result is Allowed, ImplicitlyDenied, ...
const { runSimulation } = require("@cloud-copilot/iam-simulate");

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const answers = [];
  for (const request of input.requests) {
    const simulation = {
      request: {
        principal: input.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: input.account },
        contextVariables: request.context || {},
      },
      identityPolicies: [{ name: "client-role", policy: input.identityPolicy }],
      sessionPolicy: input.sessionPolicy,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    };
    const outcome = await runSimulation(simulation, {});
    const result = outcome.resultType === "error"
      ? "Error: " + JSON.stringify(outcome.errors)
      : outcome.overallResult;
    answers.push({ action: request.action, resource: request.resource, result });
  }
  process.stdout.write(JSON.stringify(answers));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
