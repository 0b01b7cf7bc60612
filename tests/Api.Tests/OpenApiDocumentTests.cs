using System.Net.Http.Json;
using System.Text.Json;
using Hntt.Testing;
using Hntt.Testing.Service;

namespace Hntt.Api.Tests;

/// <summary>The OpenAPI document as API generators read it: Redocly's recommended rules, and what a typed client needs of every operation.</summary>
public sealed class OpenApiDocumentTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Redocly_finds_no_error_in_the_document()
    {
        string file = Path.Combine(Path.GetTempPath(), $"openapi-{Guid.NewGuid():N}.json");
        using (HttpClient anonymous = fixture.Host.Anonymous())
        {
            await File.WriteAllTextAsync(file, await anonymous.GetStringAsync("openapi/v1.json"));
        }

        try
        {
            (int exitCode, string output) = await NodeTools.RunAsync("redocly", "lint", "--extends", "recommended", "--format", "stylish", "--max-problems", "500", file);

            Assert.True(exitCode == 0, output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Every_operation_has_an_id_a_typed_success_and_its_problems()
    {
        JsonElement document = await ReadAsync();
        var ids = new HashSet<string>();
        foreach ((string path, string method, JsonElement operation) in Operations(document))
        {
            string name = $"{method.ToUpperInvariant()} {path}";
            Assert.True(operation.TryGetProperty("operationId", out JsonElement id) && ids.Add(id.GetString()!), $"{name}: no operationId, or one used twice");
            JsonElement responses = operation.GetProperty("responses");
            var successes = responses.EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
            Assert.True(successes.Count > 0, $"{name}: no success response");
            foreach (JsonProperty success in successes)
            {
                // Only "done, nothing to show" (204) and "queued" (202, as the Durable Functions API answers raiseEvent) go without a body.
                bool typed = success.Value.TryGetProperty("content", out JsonElement content) && content.EnumerateObject().All(c => c.Value.TryGetProperty("schema", out _));
                Assert.True(typed || success.Name is "204" or "202", $"{name}: {success.Name} has no schema");
            }

            bool secured = operation.GetProperty("security").GetArrayLength() > 0;
            Assert.Equal(!path.StartsWith("/healthz", StringComparison.Ordinal) && !path.StartsWith("/readyz", StringComparison.Ordinal), secured);
            string[] problems = secured ? ["401", "403"] : [];
            if (path.Contains('{', StringComparison.Ordinal))
            {
                problems = [.. problems, "400", "404"];
            }

            foreach (string status in problems)
            {
                Assert.True(responses.TryGetProperty(status, out JsonElement problem), $"{name}: {status} is not described");
                Assert.Equal("#/components/schemas/Problem", problem.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString());
            }
        }

        Assert.True(ids.Count > 35, $"only {ids.Count} operations");
    }

    [Fact]
    public async Task The_bearer_scheme_is_declared_and_problems_name_their_fields()
    {
        JsonElement document = await ReadAsync();

        JsonElement bearer = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        JsonElement problem = document.GetProperty("components").GetProperty("schemas").GetProperty("Problem");
        JsonElement submit = document.GetProperty("paths").GetProperty("/api/meetings").GetProperty("post").GetProperty("responses");
        JsonElement incident = document.GetProperty("paths").GetProperty("/api/meetings/{id}/sites/{siteId}/incidents").GetProperty("post").GetProperty("responses");

        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        Assert.True(problem.GetProperty("properties").TryGetProperty("errors", out _), problem.ToString());
        Assert.Equal("integer", problem.GetProperty("properties").GetProperty("status").GetProperty("type").GetString());
        Assert.True(submit.GetProperty("202").GetProperty("headers").TryGetProperty("Location", out _), submit.ToString());
        Assert.False(submit.TryGetProperty("200", out _), submit.ToString());
        Assert.True(submit.TryGetProperty("422", out _) && submit.TryGetProperty("429", out _), submit.ToString());
        Assert.True(incident.TryGetProperty("201", out _), incident.ToString());
    }

    async Task<JsonElement> ReadAsync()
    {
        using HttpClient anonymous = fixture.Host.Anonymous();
        return await anonymous.GetFromJsonAsync<JsonElement>("openapi/v1.json");
    }

    static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from operation in path.Value.EnumerateObject()
        select (path.Name, operation.Name, operation.Value);

    [Fact]
    public async Task Real_problem_responses_fit_the_Problem_schema_a_generated_client_holds_them_to()
    {
        JsonElement schema = (await ReadAsync()).GetProperty("components").GetProperty("schemas").GetProperty("Problem");
        string[] known = [.. schema.GetProperty("properties").EnumerateObject().Select(p => p.Name)];
        string[] required = [.. schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()!)];
        using HttpClient coordinator = fixture.Host.As("coordinator", "th-ubnd");
        using HttpClient anonymous = fixture.Host.Anonymous();

        HttpResponseMessage[] problems =
        [
            await coordinator.PostAsJsonAsync("api/meetings", new { hostUnitId = "th-ubnd" }), // 400 with errors
            await anonymous.GetAsync("api/meetings"), // 401
            await coordinator.GetAsync("api/meetings/mtg-none"), // 404
            await coordinator.PostAsync("api/meetings", new StringContent("x", System.Text.Encoding.UTF8, "text/plain")), // 415
            await coordinator.GetAsync("runtime/instances"), // 403
        ];

        Assert.Equal([400, 401, 404, 415, 403], problems.Select(p => (int)p.StatusCode));
        foreach (HttpResponseMessage response in problems)
        {
            JsonElement body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.All(body.EnumerateObject(), p => Assert.Contains(p.Name, known)); // the schema allows no other property
            Assert.All(required, r => Assert.True(body.TryGetProperty(r, out _), $"{(int)response.StatusCode} lacks '{r}': {body}"));
            response.Dispose();
        }
    }
}
