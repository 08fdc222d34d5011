namespace NanoTcp.Sockets
{
    /// <summary>
    /// The platform under a <see cref="NetworkPump"/>: its clock, how its thread sleeps, and how another thread
    /// ends that sleep early. The ESP32 implementation watches the ENC28J60's INT line, the virtual board its TAP
    /// file descriptor, tests a clock of their own. The core never reads a clock itself.
    /// </summary>
    public interface INetworkPumpSleeper
    {
        /// <summary>Milliseconds on the clock passed to <see cref="NetworkStack.Poll"/>; also times the blocking calls.</summary>
        long NowMs { get; }

        /// <summary>
        /// Returns at <paramref name="deadlineMs"/>, when the link has a frame, or at once after <see cref="Wake"/>
        /// (a Wake that came before the sleep must still end it: the signal is sticky).
        /// </summary>
        void Sleep(long deadlineMs);

        /// <summary>Ends the current or the next <see cref="Sleep"/> at once. Safe from any thread.</summary>
        void Wake();
    }
}
