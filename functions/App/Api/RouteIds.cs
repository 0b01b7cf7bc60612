namespace Hntt.App.Api;

/// <summary>
/// Ids in a route (<c>{id}</c>, <c>{siteId}</c>, <c>{technicianId}</c>, …) become storage keys, which cannot hold
/// <c>/ \ # ?</c> or control characters: such an id is refused with a 400 naming it, before any endpoint reads storage.
/// </summary>
internal static class RouteIds
{
    /// <summary>1–256 characters, none of them <c>/ \ # ? |</c> or a control character.</summary>
    public static bool Valid(string id) => id.Length is > 0 and <= 256 && !id.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?' or '|');

    public static IApplicationBuilder UseRouteIdCheck(this IApplicationBuilder app)
    {
        app.Use(async (context, next) =>
        {
            foreach (var (name, value) in context.Request.RouteValues)
            {
                if (name.EndsWith("id", StringComparison.OrdinalIgnoreCase) && value is string id && !Valid(id))
                {
                    await Problems.Invalid(name, "format", $"'{name}': 1–256 ký tự, không chứa / \\ # ? | hay ký tự điều khiển (no / \\ # ? | or control characters).")
                        .ExecuteAsync(context);
                    return;
                }
            }

            await next(context);
        });
        return app;
    }
}
