using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Forum.Core.Accounts;
using Forum.Data.Accounts;
using Forum.Web.Configuration;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Forum.Web.Accounts;

/// <summary>Names of the rate-limit policies; pages opt in with <c>[EnableRateLimiting]</c>.</summary>
public static class RateLimits
{
    public const string NewComplaint = "new-complaint";
    public const string Reply = "reply";
    public const string Register = "register";
    public const string SignIn = "sign-in";
    public const string AccountSettings = "account-settings";
    public const string Report = "report";
    public const string Search = "search";
    public const string Follow = "follow";

    /// <summary>The partition a request counts against: the policy and the account (or, signed out, the address).</summary>
    public static string PartitionKey(string policy, HttpContext context) =>
        policy + ":" + (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? "user:" + id : "ip:" + Address(context));

    public static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

/// <summary><c>Forum:RateLimits:*</c>: abuse limits on form submissions and on search (other reading is never limited).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Forum:RateLimits";

    /// <summary>Off only for test rigs that post many forms quickly; the limits themselves are tested with it on.</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan NewComplaintInterval { get; set; } = TimeSpan.FromSeconds(60);
    public int NewComplaintsPerDay { get; set; } = 10;
    public TimeSpan ReplyInterval { get; set; } = TimeSpan.FromSeconds(10);
    public int RegistrationsPerAddressPer10Minutes { get; set; } = 5;
    public int SignInsPerAddressPerMinute { get; set; } = 10;

    /// <summary>Changes on the account page (name, password, "send the confirmation again") per account per 10 minutes.</summary>
    public int AccountChangesPer10Minutes { get; set; } = 5;

    /// <summary>Reports of posts per account per 10 minutes.</summary>
    public int ReportsPer10Minutes { get; set; } = 10;

    /// <summary>Follow / stop following presses per account per 10 minutes.</summary>
    public int FollowsPer10Minutes { get; set; } = 30;

    /// <summary>Searches per address per minute: the one read that is limited, since each one costs a full-text query.</summary>
    public int SearchesPerAddressPerMinute { get; set; } = 60;

    /// <summary>
    /// The limits of the policies that count only accepted submissions (a complaint; a reply, rating or reopening on
    /// a thread), or null for a policy that counts every attempt (sign-in, registration: there the attempts are what
    /// is limited).
    /// </summary>
    public IReadOnlyList<SubmissionLimit>? AcceptedOnly(string policy) => policy switch
    {
        RateLimits.NewComplaint => [new SubmissionLimit(1, NewComplaintInterval), new SubmissionLimit(NewComplaintsPerDay, TimeSpan.FromDays(1))],
        RateLimits.Reply => [new SubmissionLimit(1, ReplyInterval)],
        _ => null,
    };
}

/// <summary>Identity on the Dapper stores, the sign-in cookie, data-protection keys in the data directory, rate limits.</summary>
public static class AccountsSetup
{
    public static IServiceCollection AddForumAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var forum = configuration.GetSection(ForumOptions.Section).Get<ForumOptions>() ?? new ForumOptions();

        // Cookies and reset links stay valid across restarts and across nodes that share this folder (or, in a farm,
        // a shared volume: see the README).
        services.AddDataProtection()
            .SetApplicationName("Forum")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(forum.FullDataDirectory, "keys")));

        services.AddCascadingAuthenticationState();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/sign-in";
            cookie.LogoutPath = "/account/sign-out";
            cookie.AccessDeniedPath = "/account/denied";
            cookie.Cookie.Name = SchemeCookieManager.HttpName;
            cookie.CookieManager = new SchemeCookieManager();
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
        });
        // Sessions live on the server, so sign-out and a new security stamp end them at once (see DatabaseTicketStore).
        services.AddSingleton<ISessionRepository, SessionRepository>();
        services.AddSingleton<DatabaseTicketStore>();
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore>((cookie, store) => cookie.SessionStore = store);
        services.AddAuthorization();
        // The framework leaves the antiforgery cookie's Secure flag off even over https; follow the request's scheme
        // (behind a proxy, the X-Forwarded-Proto of a known proxy) like the sign-in cookie does.
        services.AddAntiforgery(antiforgery => antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        services.AddIdentityCore<ForumUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = string.Empty;
                options.Password.RequiredLength = AccountRules.PasswordMin;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = true;
                options.Password.RequireDigit = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedEmail = false;
            })
            .AddUserStore<UserStore>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<ForumClaimsPrincipalFactory>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(1));
        // The session store already refuses a session whose stamp changed, on the next request; this interval only
        // decides how often the roles and name in a live session's ticket are read again.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddSingleton<ISetupTokenRepository, SetupTokenRepository>();
        services.AddScoped<FirstAdminSetup>();
        services.AddSingleton<AccountMailComposer>();
        services.AddScoped<AccountService>();
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddSingleton(limits);
        services.AddSingleton<AcceptedSubmissions>();
        services.AddForumRateLimits(limits);
        return services;
    }

    private static void AddForumRateLimits(this IServiceCollection services, RateLimitOptions limits)
    {
        services.AddRateLimiter(limiter =>
        {
            if (!limits.Enabled)
            {
                foreach (var name in new[] { RateLimits.NewComplaint, RateLimits.Reply, RateLimits.Register, RateLimits.SignIn, RateLimits.AccountSettings, RateLimits.Report, RateLimits.Search, RateLimits.Follow })
                {
                    limiter.AddPolicy(name, _ => RateLimitPartition.GetNoLimiter("off"));
                }

                return;
            }

            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only form submissions count: reading a page is never limited here.
            // Posting and replying count only what was accepted (the page records it): a refused form costs nothing.
            foreach (var policy in new[] { RateLimits.NewComplaint, RateLimits.Reply })
            {
                limiter.AddPolicy(policy, context => PostsOnly(context, RateLimits.PartitionKey(policy, context), key =>
                    RateLimiter.CreateChained(
                        new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 1 }),
                        new AcceptedSubmissionLimiter(context.RequestServices.GetRequiredService<AcceptedSubmissions>(), key, limits.AcceptedOnly(policy)!))));
            }

            limiter.AddPolicy(RateLimits.Register, context => PostsOnly(context, "register:" + PerAddress(context), _ =>
                new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = limits.RegistrationsPerAddressPer10Minutes, Window = TimeSpan.FromMinutes(10), QueueLimit = 0 })));
            limiter.AddPolicy(RateLimits.SignIn, context => PostsOnly(context, "sign-in:" + PerAddress(context), _ =>
                new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = limits.SignInsPerAddressPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
            limiter.AddPolicy(RateLimits.AccountSettings, context => PostsOnly(context, "account:" + PerUser(context), _ =>
                new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = limits.AccountChangesPer10Minutes, Window = TimeSpan.FromMinutes(10), QueueLimit = 0 })));
            limiter.AddPolicy(RateLimits.Report, context => PostsOnly(context, "report:" + PerUser(context), _ =>
                new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = limits.ReportsPer10Minutes, Window = TimeSpan.FromMinutes(10), QueueLimit = 0 })));
            limiter.AddPolicy(RateLimits.Follow, context => PostsOnly(context, "follow:" + PerUser(context), _ =>
                new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = limits.FollowsPer10Minutes, Window = TimeSpan.FromMinutes(10), QueueLimit = 0 })));
            limiter.AddPolicy(RateLimits.Search, context => RateLimitPartition.Get("search:" + PerAddress(context), _ =>
                new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = limits.SearchesPerAddressPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
            limiter.OnRejected = WriteTooManyRequestsAsync;
        });
    }

    private static RateLimitPartition<string> PostsOnly(HttpContext context, string key, Func<string, RateLimiter> factory) =>
        HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.Get(key, factory)
            : RateLimitPartition.GetNoLimiter("read");

    private static string PerUser(HttpContext context) =>
        context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? "user:" + id : PerAddress(context);

    private static string PerAddress(HttpContext context) => "ip:" + RateLimits.Address(context);

    /// <summary>
    /// 429 with Retry-After and no body of its own: the status-code page then answers inside the site's layout, in the
    /// reader's language, with the local time the form may be sent again (<see cref="RetryAfterItem"/>).
    /// </summary>
    private static ValueTask WriteTooManyRequestsAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(60);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Items[RetryAfterItem] = seconds;
        return ValueTask.CompletedTask;
    }

    /// <summary>The seconds to wait, for the 429 page (an item, since the status-code page runs as a new request path).</summary>
    public const string RetryAfterItem = "Forum.RetryAfterSeconds";
}
