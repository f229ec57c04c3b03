using WorkflowEngine.Hosting;

// A department host of a distributed deployment: the queues of Departments:Codes, their tasks in a database of its own,
// the automated handlers and the clerk API. Steps and reports travel over RabbitMQ; with Departments:EngineUrl it also
// calls the engine host's HTTP API for applicants' files and its health check (with Departments:EngineToken), working
// calendars (hourly) and department names (every 10 s): the README's "Network: what connects to what".
return await DepartmentApp.RunAsync(args);
