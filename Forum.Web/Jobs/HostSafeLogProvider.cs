using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace Forum.Web.Jobs;

/// <summary>
/// Hangfire keeps its log provider in a static, so in a process that hosts the app more than once (the tests do) a
/// later host can be handed loggers of an earlier, disposed one. This wraps the ASP.NET Core provider so that a
/// disposed logger factory silences the log line instead of failing the job or the request that enqueued it.
/// </summary>
internal sealed class HostSafeLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return new SafeLog(_inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new SafeLog(null);
        }
    }

    private sealed class SafeLog(ILog? inner) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            try
            {
                return inner?.Log(logLevel, messageFunc, exception) ?? false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
