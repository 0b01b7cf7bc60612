using Hntt.App.Demo;
using Hntt.App.Health;
using Hntt.App.Meetings;
using Hntt.Durable;

WebApplicationBuilder builder = WebApplication.CreateBuilder(args);

// Settings as in an Azure Functions app: host.json, then AzureFunctionsJobHost__… environment variables.
builder.Configuration
    .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "host.json"), optional: false)
    .AddEnvironmentVariables("AzureFunctionsJobHost__");
builder.Services.AddMeetingWorkflow(builder.Configuration);
builder.Services.AddDemoData();

WebApplication app = builder.Build();
app.MapHealthEndpoints();
app.MapStatusPage();
app.Run();
