using NanoTcp.Firmware;
using NanoTcp.VirtualBoard.Tap;

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

        /// <summary>When the driver next needs <see cref="Pump"/> even without a frame; long.MaxValue for never.</summary>
        long NextDeadline(long nowMs);
    }

    /// <summary>Builds the driver chain for <see cref="BoardOptions.Link"/>.</summary>
    internal static class BoardLinks
    {
        public static IBoardLink Create(BoardOptions options, TapLink tap, ILink wire)
        {
            if (options.Link == LinkKind.Enc28j60) return new Enc28j60BoardLink(options, tap, wire);
            return new DirectTapLink(tap, wire);
        }

        /// <summary>
        /// The stack's <see cref="ImpairedLink"/> for --loss/--dup/--reorder/--corrupt (both directions, seeded),
        /// or null when no fault is asked for.
        /// </summary>
        public static ImpairedLink Faults(BoardOptions options, ILink link)
        {
            if (!options.HasFaults) return null;
            return new ImpairedLink(link, options.Seed)
            {
                LossRate = options.Loss,
                DuplicateRate = options.Duplicate,
                ReorderRate = options.Reorder,
                CorruptRate = options.Corrupt,
            };
        }
    }

    /// <summary>The stack talks to the TAP device (through the pcap tap, if any) directly.</summary>
    internal sealed class DirectTapLink : IBoardLink
    {
        public DirectTapLink(TapLink tap, ILink wire)
        {
            StackLink = wire;
            Status = new TapLinkStatus(tap);
        }

        public ILink StackLink { get; }

        public ILinkStatus Status { get; }

        public string Description => "direct";

        public void Pump(long nowMs)
        {
        }

        public long NextDeadline(long nowMs) => long.MaxValue;
    }
}
