using WorkflowEngine.Hosting;

// A department host of a distributed deployment: the queues of Departments:Codes, their tasks in a database of its own,
// the automated handlers and the clerk API. It reaches the engine only over RabbitMQ.
return await WorkflowApp.RunAsync(HostRole.Department, args);
