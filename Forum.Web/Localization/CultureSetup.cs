using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Forum.Web.Localization;

/// <summary>zh-CN and en; picked from the culture cookie (the visible switch), then Accept-Language.</summary>
public static class CultureSetup
{
    public static readonly string[] Supported = ["zh-CN", "en"];

    public static RequestLocalizationOptions Options(string defaultCulture)
    {
        var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Supported.Contains(defaultCulture) ? defaultCulture : Supported[0]),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 5 },
        ];
        return options;
    }

    /// <summary>Sets the culture cookie and returns to a local page: <c>/culture/en?returnUrl=/threads/T-000001</c>.</summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            if (!Supported.Contains(culture, StringComparer.OrdinalIgnoreCase))
            {
                return Results.NotFound();
            }

            var name = Supported.First(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase));
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(name)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(Accounts.AccountEndpoints.LocalReturnUrl(returnUrl));
        });
        return endpoints;
    }

}
