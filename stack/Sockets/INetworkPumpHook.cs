namespace NanoTcp.Sockets
{
    /// <summary>
    /// Raw-API work that runs on the pump's thread inside every <see cref="NetworkPump.Step"/>, with the pump's lock
    /// held: the firmware's telnet shell and classic services, or any poll-style code that should share the stack
    /// with threads using <see cref="TcpClient"/> and <see cref="TcpListener"/>.
    /// </summary>
    public interface INetworkPumpHook
    {
        /// <summary>
        /// Polls the stack (at least once: the pump does not poll it when a hook is set), serves the raw-API work
        /// and returns the absolute time (ms) by which the pump must step again; <paramref name="nowMs"/> when work
        /// is left. Must not call the blocking members of the Sockets types (the lock is held).
        /// </summary>
        long Poll(long nowMs);
    }
}
