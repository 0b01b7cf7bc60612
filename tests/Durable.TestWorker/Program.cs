using Hntt.Durable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Settings arrive as environment variables: AzureWebJobsStorage and extensions__durableTask__…
HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Services.AddDurableTask(registry => registry.AddAllFrom(typeof(Hntt.Durable.TestWorker.AddOne).Assembly));
await builder.Build().RunAsync();
