namespace Hntt.Durable.Worker;

/// <summary>Lets a sleeping poll loop be woken early; a wake while nobody sleeps is remembered once.</summary>
internal sealed class WakeSignal
{
    TaskCompletionSource signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => Volatile.Read(ref signal).TrySetResult();

    /// <summary>Waits until woken or the delay passes on the given clock.</summary>
    public async Task WaitAsync(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        Task woken = Volatile.Read(ref signal).Task;
        if (!woken.IsCompleted && delay > TimeSpan.Zero)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task delayed = Task.Delay(delay, time, timeout.Token);
            await Task.WhenAny(woken, delayed).ConfigureAwait(false);
            await timeout.CancelAsync().ConfigureAwait(false);
        }

        Interlocked.Exchange(ref signal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        cancellationToken.ThrowIfCancellationRequested();
    }
}
