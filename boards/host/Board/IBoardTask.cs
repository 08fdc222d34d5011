namespace NanoTcp.VirtualBoard.Board
{
    /// <summary>
    /// Extra work run on the board's loop thread after every poll of the firmware application, with the stack
    /// API at hand: a TCP client for interop tests, a sender for benchmarks. Runs until <see cref="Finished"/>.
    /// </summary>
    public interface IBoardTask
    {
        /// <summary>Does whatever can be done now; returns the absolute time (ms) it next needs to run, or long.MaxValue.</summary>
        long Poll(NetworkStack stack, long nowMs);

        /// <summary>True once the task is done; the board drops it.</summary>
        bool Finished { get; }
    }
}
