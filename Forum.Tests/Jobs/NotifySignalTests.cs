using Forum.Web.Jobs;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.Time.Testing;

namespace Forum.Tests.Jobs;

public class NotifySignalTests
{
    /// <summary>Counts the jobs created (the collaborator; Hangfire itself is tested by its authors).</summary>
    private sealed class CountingJobs : IBackgroundJobClient
    {
        public List<Job> Created { get; } = [];

        public string Create(Job job, IState state)
        {
            Created.Add(job);
            return Created.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }

    [Fact]
    public void Request_ManyPostingsWhileARunIsPending_EnqueueOneNotifierRun()
    {
        var jobs = new CountingJobs();
        var signal = new NotifySignal(jobs, new FakeTimeProvider());

        for (var i = 0; i < 100; i++)
        {
            signal.Request();
        }

        Assert.Equal(typeof(NotifyJob), Assert.Single(jobs.Created).Type);
    }

    [Fact]
    public void Request_AfterThePendingRunStarted_EnqueuesTheNextRun()
    {
        var jobs = new CountingJobs();
        var signal = new NotifySignal(jobs, new FakeTimeProvider());
        signal.Request();

        signal.Started();
        signal.Request();
        signal.Request();

        Assert.Equal(2, jobs.Created.Count);
    }

    [Fact]
    public void Request_PendingLongerThanItShould_EnqueuesAgain()
    {
        // With several nodes the run may start elsewhere and never clear this node's request.
        var jobs = new CountingJobs();
        var time = new FakeTimeProvider();
        var signal = new NotifySignal(jobs, time);
        signal.Request();

        time.Advance(NotifySignal.PendingFor - TimeSpan.FromMilliseconds(1));
        signal.Request();
        time.Advance(TimeSpan.FromMilliseconds(1));
        signal.Request();

        Assert.Equal(2, jobs.Created.Count);
    }
}
