using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Forum.Web.Caching;

/// <summary>
/// Blazor issues an antiforgery cookie and token on every page it renders, which marks the response as one
/// reader's (a cookie, <c>no-store</c>) and so could never be shared. A public page rendered for an anonymous
/// reader (<see cref="PublicPagePolicy"/> marks the request) carries no form that posts, so it is issued none:
/// the page is the same for everyone and can be cached. Every other request, and every validation, is the
/// framework's own; a signed-in reader's page is rendered, with its tokens, as before.
/// </summary>
internal sealed class SharedPageAntiforgery(IAntiforgery inner, IOptions<AntiforgeryOptions> options) : IAntiforgery
{
    private static readonly object SharedKey = new();

    /// <summary>Marks the request as a page shared by every anonymous reader.</summary>
    public static void MarkShared(HttpContext context) => context.Items[SharedKey] = true;

    private static bool IsShared(HttpContext context) => context.Items.ContainsKey(SharedKey);

    private AntiforgeryTokenSet None => new(null, null, options.Value.FormFieldName, options.Value.HeaderName);

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) => IsShared(httpContext) ? None : inner.GetAndStoreTokens(httpContext);

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => IsShared(httpContext) ? None : inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext)
    {
        if (!IsShared(httpContext))
        {
            inner.SetCookieTokenAndHeader(httpContext);
        }
    }

    /// <summary>Wraps the registered <see cref="IAntiforgery"/>; call after the framework has registered it.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var descriptor = services.LastOrDefault(d => d.ServiceType == typeof(IAntiforgery))
            ?? throw new InvalidOperationException("Register Razor components (and so antiforgery) before the page cache.");
        services.Remove(descriptor);
        services.AddSingleton<IAntiforgery>(sp => new SharedPageAntiforgery(
            descriptor.ImplementationInstance as IAntiforgery
                ?? descriptor.ImplementationFactory?.Invoke(sp) as IAntiforgery
                ?? (IAntiforgery)ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!),
            sp.GetRequiredService<IOptions<AntiforgeryOptions>>()));
    }
}
