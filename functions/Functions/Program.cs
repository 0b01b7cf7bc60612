using Hntt.Functions;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.Configuration.AddHostJson();
builder.ConfigureFunctionsWebApplication(); // HTTP triggers take ASP.NET Core's HttpRequest and answer with its IResult
builder.Services.AddHnttFunctions(builder.Configuration);
builder.Build().Run();
