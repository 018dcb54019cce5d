using System.Net;
using Forum.Core.Escalation;
using Forum.Core.Mail;
using Forum.Web.Configuration;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Forum.Web.Operations;

/// <summary>Metrics (OpenTelemetry, Prometheus on <c>/metrics</c>) and the log format: what the operator watches.</summary>
public static class OperationsSetup
{
    /// <summary>JSON console logs when <c>Forum:Logging:Format</c> is <c>Json</c>: one object per line, with scopes and UTC times.</summary>
    public static void AddForumLogging(this ILoggingBuilder logging, IConfiguration configuration)
    {
        var options = configuration.GetSection(ForumOptions.Section).Get<ForumOptions>() ?? new ForumOptions();
        if (!options.Logging.IsJson)
        {
            return;
        }

        logging.AddJsonConsole(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
        });
        logging.Services.Configure<ConsoleLoggerOptions>(console => console.FormatterName = ConsoleFormatterNames.Json);
    }

    public static IServiceCollection AddForumMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(ForumOptions.Section).Get<ForumOptions>() ?? new ForumOptions();
        services.AddSingleton<Forum.Core.Operations.IOperationsRepository, Forum.Data.Operations.OperationsRepository>();
        services.AddSingleton<OperationsGauges>();
        Decorate<IEscalationRepository>(services, (sp, inner) => ActivatorUtilities.CreateInstance<MeteredEscalationRepository>(sp, inner));
        Decorate<IMailTransport>(services, (sp, inner) => ActivatorUtilities.CreateInstance<MeteredMailTransport>(sp, inner));
        if (!options.Metrics.Enabled)
        {
            return services;
        }

        services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics
                .AddMeter(ForumMetrics.MeterName)
                // The framework's own: http.server.request.duration and friends.
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
                .AddPrometheusExporter();
            // Only this host's meters: several hosts in one process (the tests) each export their own.
            ((IDeferredMeterProviderBuilder)metrics).Configure((sp, builder) =>
            {
                var own = sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
                builder.AddView(instrument => instrument.Meter.Scope is { } scope && !ReferenceEquals(scope, own) ? MetricStreamConfiguration.Drop : null);
            });
        });
        return services;
    }

    /// <summary>
    /// The server starts listening only after <see cref="WarmingServer"/> has warmed the public pages
    /// (<c>Forum:WarmUp:Enabled</c>). A test host that swaps in its own server registers it after this and is not wrapped.
    /// </summary>
    public static IServiceCollection AddForumWarmUp(this IServiceCollection services)
    {
        Decorate<Microsoft.AspNetCore.Hosting.Server.IServer>(services, (sp, inner) => ActivatorUtilities.CreateInstance<WarmingServer>(sp, inner));
        return services;
    }

    /// <summary>
    /// <c>/metrics</c> for loopback and <c>Forum:Metrics:AllowedAddresses</c>. Call after the forwarded-headers
    /// middleware: a request through a known proxy is judged by its client's address, and one that still carries an
    /// X-Forwarded-For (a proxy the forum was not told about) is refused, since its real client is unknown.
    /// </summary>
    public static void UseForumMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ForumOptions>>().Value.Metrics;
        if (!options.Enabled)
        {
            return;
        }

        // The gauges register their callbacks when created.
        app.Services.GetRequiredService<OperationsGauges>();
        var allowed = options.AllowedAddresses.Where(a => !string.IsNullOrWhiteSpace(a)).Select(ParseNetwork).ToList();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => context.Request.Path == "/metrics" && MayScrape(context, allowed),
            path: null,
            configureBranchedPipeline: null,
            optionsName: null);
    }

    private static bool MayScrape(HttpContext context, IReadOnlyList<System.Net.IPNetwork> allowed)
    {
        if (context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Connection.RemoteIpAddress is not { } address)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IPAddress.IsLoopback(address) || allowed.Any(network => network.Contains(address));
    }

    private static System.Net.IPNetwork ParseNetwork(string value) =>
        value.Contains('/', StringComparison.Ordinal)
            ? System.Net.IPNetwork.Parse(value)
            : new System.Net.IPNetwork(IPAddress.Parse(value), IPAddress.Parse(value).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);

    /// <summary>Wraps the registered <typeparamref name="T"/> (a singleton) in <paramref name="decorate"/>.</summary>
    private static void Decorate<T>(IServiceCollection services, Func<IServiceProvider, T, T> decorate) where T : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(registered);
        services.AddSingleton<T>(sp =>
        {
            var inner = registered.ImplementationInstance as T
                ?? (T?)registered.ImplementationFactory?.Invoke(sp)
                ?? (T)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!);
            return decorate(sp, inner);
        });
    }
}
