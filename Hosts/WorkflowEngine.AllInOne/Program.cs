using WorkflowEngine.Hosting;

// Everything in one process on SQLite and the in-memory bus: the embedded default.
await AllInOneApp.Build(args).RunAsync();
