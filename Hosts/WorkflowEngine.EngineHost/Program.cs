using WorkflowEngine.Hosting;

// The engine host of a distributed deployment: citizen and administrator API, engine, outbox relay, timers. Departments
// run hosts of their own (WorkflowEngine.DepartmentHost) or systems of their own, reached over RabbitMQ.
return await EngineApp.RunAsync(args);
