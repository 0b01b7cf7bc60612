using Hntt.App.Api.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hntt.App.Pages;

/// <summary>Ends the session.</summary>
[AllowAnonymous]
public sealed class SignOutModel : PageModel
{
    public async Task<IActionResult> OnGetAsync()
    {
        await HttpContext.SignOutAsync(SecuritySetup.CookieScheme);
        return Redirect("/");
    }
}
