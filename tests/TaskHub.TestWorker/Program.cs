using Hntt.TaskHub;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Settings arrive as environment variables: AzureWebJobsStorage and extensions__durableTask__…
HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Services.AddDurableTaskHub(registry => registry.AddAllFrom(typeof(Hntt.TaskHub.TestWorker.AddOne).Assembly));
await builder.Build().RunAsync();
