using WorkflowEngine.Hosting;

// Everything in one process on SQLite and the in-memory bus: the embedded default. `verify-audit` checks the audit trails.
return await AllInOneApp.RunAsync(args);
