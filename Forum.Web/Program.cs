using Forum.Web.Photos;
using Forum.Web.Accounts;
using Forum.Web.Briefing;
using Forum.Web.Caching;
using Forum.Web.Components;
using Forum.Web.Configuration;
using Forum.Web.Jobs;
using Forum.Web.Localization;
using Forum.Web.Mail;
using Forum.Web.Operations;
using Forum.Web.Sharing;
using Forum.Web.Notifications;
using Forum.Web.Security;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.WebEncoders;
using Microsoft.Extensions.Options;

// The operator's commands: an online backup of the data directory, and a restore into an empty one.
if (args is [("backup" or "restore") and var command, ..])
{
    return await Forum.Web.Operations.BackupCommands.RunAsync(command, args[1..]);
}

var builder = WebApplication.CreateBuilder(args);

// Serves the build's static web assets (CSS, blazor.web.js) when run from source in any environment, as run.sh does;
// published output has them in wwwroot already and this is a no-op.
builder.WebHost.UseStaticWebAssets();

// A complaint or reply may carry six photos of 8 MB each (each file is checked again on its own).
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = Forum.Core.Photos.PhotoRules.MaxRequestBytes);

builder.Services.AddForum(builder.Configuration);
builder.Services.AddForumJobs(builder.Configuration);
builder.Services.AddForumAccounts(builder.Configuration);
builder.Services.AddForumMetrics(builder.Configuration);
builder.Services.AddForumWarmUp();
builder.Logging.AddForumLogging(builder.Configuration);
builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");

// Chinese text is written as characters, not as &#x…; entities: a third of the bytes and readable source.
// Markup-significant characters (<, >, &, quotes) are still encoded.
builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
builder.Services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();
builder.Services.AddForumPageCache(builder.Configuration);
builder.Services.AddHealthChecks()
    .AddCheck<DatabaseHealthCheck>("database")
    .AddOutboxCheck();

var app = builder.Build();

await app.Services.InitializeDatabaseAsync();
await app.Services.OfferFirstAdminSetupAsync();
app.Services.RegisterRecurringJobs();

app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandlingPath = "/error",
        CreateScopeForErrors = true,
        StatusCodeSelector = ErrorStatus.Of,
    });
    app.UseHsts();
}

var forumOptions = app.Services.GetRequiredService<IOptions<ForumOptions>>().Value;
if (forumOptions.KnownProxies.Length > 0)
{
    var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
    forwarded.KnownProxies.Clear();
    forwarded.KnownIPNetworks.Clear();
    foreach (var proxy in forumOptions.KnownProxies)
    {
        forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
    }

    app.UseForwardedHeaders(forwarded);
}

app.UseForumMetrics();
app.UseRequestLocalization(CultureSetup.Options(forumOptions.DefaultCulture));
app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseForumPageCache();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
{
    ResponseWriter = (context, report) =>
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(report.Status == HealthStatus.Healthy ? "ok" : report.Status.ToString().ToLowerInvariant());
    },
});
app.MapCultureSwitch();
app.MapAccountEndpoints();
app.MapJobsDashboard();
app.MapBriefingCsv();
app.MapPhotos();
app.MapSharing();
app.MapUnsubscribe();
app.MapFollow();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null); // SecurityHeaders sends the whole policy

app.Run();
return 0;

/// <summary>The web host's entry point; public so the tests' WebApplicationFactory can find it.</summary>
public partial class Program;
