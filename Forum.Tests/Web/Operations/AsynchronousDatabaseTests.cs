using System.Net;
using System.Reflection;
using Forum.Core.Complaints;
using Microsoft.Extensions.DependencyInjection;

namespace Forum.Tests.Web.Operations;

/// <summary>
/// SQL Server answers every query asynchronously; Microsoft.Data.Sqlite finishes before it returns. A page whose
/// <c>OnInitializedAsync</c> really waits is rendered once before its data arrives, and a page that reads its model
/// in that first render fails with a 500 on SQL Server only. Here every repository and reader waits (one
/// <see cref="Task.Yield"/>) before it answers, so each page meets the waiting that SQL Server brings.
/// </summary>
public class AsynchronousDatabaseTests
{
    [Fact]
    public async Task EveryPage_Renders_WhenTheDatabaseAnswersAsynchronously()
    {
        await using var app = new ForumAppFactory(configureServices: services => YieldingRepositories.Decorate(services));
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var pages = new[]
        {
            "/", "/?status=overdue", "/threads/T-000001", "/companies/shenzhen", "/projects/sz-bayview-garden", "/scoreboard",
            "/search?q=漏水", "/search?q=漏水&sort=newest", "/feeds/complaints.atom", "/sitemap.xml", "/account/sign-in",
        };
        var homeowner = await Forms.SignInAsync(app.CreateClient(new() { AllowAutoRedirect = false }), "homeowner@example.com");
        var staff = await Forms.SignInAsync(app.CreateClient(new() { AllowAutoRedirect = false }), "hq.staff@example.com");
        var executive = await Forms.SignInAsync(app.CreateClient(new() { AllowAutoRedirect = false }), "executive@example.com");
        var admin = await Forms.SignInAsync(app.CreateClient(new() { AllowAutoRedirect = false }), "admin@example.com");

        var answers = new List<(string Page, HttpStatusCode Status)>();
        foreach (var page in pages)
        {
            answers.Add((page, (await anonymous.GetAsync(page, TestContext.Current.CancellationToken)).StatusCode));
        }

        foreach (var (client, page) in new[]
                 {
                     (homeowner, "/threads/new"), (homeowner, "/my/complaints"), (homeowner, "/my/cosigned"), (homeowner, "/my/followed"), (homeowner, "/account"),
                     (staff, "/staff"), (staff, "/staff/threads/T-000001"), (staff, "/staff/reports"), (staff, "/staff/audit"),
                     (executive, "/briefing"), (admin, "/admin"), (admin, "/admin/outbox"),
                 })
        {
            answers.Add((page, (await client.GetAsync(page, TestContext.Current.CancellationToken)).StatusCode));
        }

        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.OK, $"{a.Page} answered {(int)a.Status}"));
        Assert.True(YieldingRepositories.Waited > answers.Count, $"the repositories waited {YieldingRepositories.Waited} times");
    }

    /// <summary>Wraps every repository and reader of Forum.Core so that each call waits once before it answers.</summary>
    private static class YieldingRepositories
    {
        private static int _waited;

        public static int Waited => Volatile.Read(ref _waited);

        public static void Decorate(IServiceCollection services)
        {
            for (var i = 0; i < services.Count; i++)
            {
                var descriptor = services[i];
                var type = descriptor.ServiceType;
                if (descriptor.IsKeyedService || !type.IsInterface || type.Assembly != typeof(IThreadRepository).Assembly
                    || !(type.Name.EndsWith("Repository", StringComparison.Ordinal) || type.Name.EndsWith("Reader", StringComparison.Ordinal)))
                {
                    continue;
                }

                Func<IServiceProvider, object> inner = descriptor.ImplementationFactory
                    ?? (descriptor.ImplementationInstance is { } instance ? _ => instance : sp => ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!));
                services[i] = ServiceDescriptor.Describe(type, sp => Wrap(type, inner(sp)), descriptor.Lifetime);
            }
        }

        private static object Wrap(Type type, object inner)
        {
            var proxy = typeof(DispatchProxy).GetMethod(nameof(DispatchProxy.Create), 2, [])!
                .MakeGenericMethod(type, typeof(Yielding<>).MakeGenericType(type)).Invoke(null, null)!;
            ((IYielding)proxy).Inner = inner;
            return proxy;
        }

        private interface IYielding
        {
            object Inner { set; }
        }

        public class Yielding<T> : DispatchProxy, IYielding
        {
            private object _inner = default!;

            object IYielding.Inner { set => _inner = value; }

            protected override object? Invoke(MethodInfo? method, object?[]? args)
            {
                var returns = method!.ReturnType;
                if (returns == typeof(Task))
                {
                    return WaitThenAsync(method, args);
                }

                if (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>))
                {
                    return typeof(Yielding<T>).GetMethod(nameof(WaitThenResultAsync), BindingFlags.NonPublic | BindingFlags.Instance)!
                        .MakeGenericMethod(returns.GetGenericArguments()[0]).Invoke(this, [method, args]);
                }

                return Call(method, args);
            }

            private object? Call(MethodInfo method, object?[]? args)
            {
                try
                {
                    return method.Invoke(_inner, args);
                }
                catch (TargetInvocationException exception) when (exception.InnerException is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(exception.InnerException);
                    throw;
                }
            }

            private async Task WaitThenAsync(MethodInfo method, object?[]? args)
            {
                await Task.Yield();
                Interlocked.Increment(ref _waited);
                await (Task)Call(method, args)!;
            }

            private async Task<TResult> WaitThenResultAsync<TResult>(MethodInfo method, object?[]? args)
            {
                await Task.Yield();
                Interlocked.Increment(ref _waited);
                return await (Task<TResult>)Call(method, args)!;
            }
        }
    }
}
