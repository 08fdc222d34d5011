using NanoTcp.VirtualBoard.Tap;

namespace NanoTcp.VirtualBoard.Board
{
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
}
