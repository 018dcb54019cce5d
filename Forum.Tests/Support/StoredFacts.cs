using Forum.Core.Briefing;
using Forum.Core.Complaints;
using Forum.Core.Escalation;

namespace Forum.Tests.Support;

/// <summary>
/// The statistics facts of a complaint as the writers store them: each act (reply, solution) run through the real
/// <see cref="EscalationPolicy"/>, which decides the deadlines and the outcome of each clock it stops.
/// </summary>
public static class StoredFacts
{
    public static ThreadFacts Of(long company, DateTime created, DateTime? replyAt = null, DateTime? solutionAt = null, int? rating = null, EscalationPolicy? policy = null)
    {
        policy ??= new EscalationPolicy(new EscalationOptions());
        var state = new EscalationState { CreatedAt = created, Status = ThreadStatus.Open };
        bool? replyLate = null, solutionLate = null;
        if (replyAt is { } replied)
        {
            var after = state with { FirstOfficialReplyAt = replied, Status = ThreadStatus.Answered };
            replyLate = policy.Stopped(state, after, replied).FirstOrDefault(c => c.Rung == EscalationRung.FirstResponse)?.Late;
            state = after;
        }

        if (solutionAt is { } solved)
        {
            var after = state with { SolutionProposedAt = solved, FirstOfficialReplyAt = state.FirstOfficialReplyAt ?? solved, Status = ThreadStatus.SolutionProposed };
            foreach (var clock in policy.Stopped(state, after, solved))
            {
                if (clock.Rung == EscalationRung.Solution)
                {
                    solutionLate = clock.Late;
                }
                else
                {
                    replyLate ??= clock.Late;
                }
            }

            state = after;
        }

        var schedule = policy.Schedule(state);
        return new ThreadFacts(company, created, state.FirstOfficialReplyAt, schedule.ReplyDueAt, replyLate, schedule.SolutionDueAt, solutionLate, rating);
    }
}
