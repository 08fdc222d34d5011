using NanoTcp.Firmware;

namespace NanoTcp.VirtualBoard.Board
{
    /// <summary>What the board loop needs from the driver between the stack and the TAP device.</summary>
    internal interface IBoardLink
    {
        /// <summary>The link the stack polls.</summary>
        ILink StackLink { get; }

        /// <summary>Driver status for the shell.</summary>
        ILinkStatus Status { get; }

        /// <summary>Short description for the banner ("direct", "ENC28J60 emulated").</summary>
        string Description { get; }

        /// <summary>Moves frames between the TAP device and the driver's hardware, if there is any in between.</summary>
        void Pump(long nowMs);

        /// <summary>
        /// Called after each application poll: completes what the driver left in flight (a frame still being
        /// clocked out) so it reaches the wire now rather than at the next wake-up.
        /// </summary>
        void Flush();
    }
}
