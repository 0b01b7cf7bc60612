using Hntt.App;
using Hntt.App.Api.Security;

// `token ROLE [UNIT_OR_SITE…]` prints a development token (scripts/token); anything else runs the service.
if (args is ["token", var role, .. var scope])
{
    var auth = new AuthOptions { SigningKey = Environment.GetEnvironmentVariable("Auth__SigningKey") };
    if (!Roles.All.Contains(role) || string.IsNullOrEmpty(auth.SigningKey))
    {
        Console.Error.WriteLine($"usage: token ROLE [UNIT_OR_SITE...] with Auth__SigningKey set; roles: {string.Join(", ", Roles.All)}");
        return 2;
    }

    Console.WriteLine(DevTokens.Create(auth, role, scope, TimeProvider.System));
    return 0;
}

ServiceApp.Build(args).Run();
return 0;
