using System.Collections.Concurrent;
using CreativeGen.GrainInterfaces.Users;

namespace CreativeGen.Client.Gateway.Failover;

/// <summary>One grain call the gateway is waiting on; <see cref="Break"/> ends the wait (the call itself is abandoned).</summary>
public sealed class InFlightCall(GrainId target)
{
    private readonly TaskCompletionSource broken = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public GrainId Target { get; } = target;

    public Task Broken => broken.Task;

    public void Break() => broken.TrySetResult();
}

/// <summary>
/// The application's grain calls the gateway (an Orleans client of an external cluster) has in flight. Orleans 10.4
/// completes a client's call promptly when the silo it was routed to dies only if that silo was the client's own
/// gateway silo's callee; a call forwarded by a gateway silo to a grain on a silo that then dies waits for the full
/// response timeout (dotnet/orleans#10165). <see cref="DeadSiloWatcher"/> breaks such calls instead, and this filter
/// turns a broken call into <see cref="SiloUnavailableException"/>, which the API answers as 503 problem details.
/// </summary>
public sealed class InFlightGrainCalls : IOutgoingGrainCallFilter
{
    private readonly ConcurrentDictionary<InFlightCall, byte> calls = new();

    public IReadOnlyCollection<InFlightCall> Snapshot => [.. calls.Keys];

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        // Only CreativeGen's own contracts: Orleans' management and system calls go straight through.
        if (context.InterfaceMethod?.DeclaringType?.Assembly != typeof(IUserGrain).Assembly)
        {
            await context.Invoke();
            return;
        }
        var call = new InFlightCall(context.TargetId);
        calls.TryAdd(call, 0);
        try
        {
            var invocation = context.Invoke();
            if (await Task.WhenAny(invocation, call.Broken) != invocation)
            {
                _ = invocation.ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
                throw new SiloUnavailableException($"The silo holding {call.Target} was declared dead while the call was in flight.");
            }
            await invocation;
        }
        finally
        {
            calls.TryRemove(call, out _);
        }
    }
}
