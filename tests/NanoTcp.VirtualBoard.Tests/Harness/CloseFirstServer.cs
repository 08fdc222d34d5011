using NanoTcp.VirtualBoard.Board;

namespace NanoTcp.VirtualBoard.Tests.Harness
{
    /// <summary>
    /// A board-side service (like RFC 867 daytime) that accepts, sends one line and closes at once, so nanoTcp is
    /// the active closer and every connection leaves a TIME-WAIT slot behind: what the slot-eviction test needs.
    /// </summary>
    public sealed class CloseFirstServer : IBoardTask
    {
        private static readonly byte[] Line = System.Text.Encoding.ASCII.GetBytes("nanoTcp closes first\r\n");
        private readonly int _port;
        private int _listener = -1;

        /// <summary>Serves on <paramref name="port"/> (the listener opens on the first poll).</summary>
        public CloseFirstServer(int port)
        {
            _port = port;
        }

        /// <summary>Connections accepted.</summary>
        public int Accepted;

        /// <summary>Errors returned by the stack (Listen, Send, Close).</summary>
        public int Errors;

        /// <inheritdoc />
        public bool Finished => false;

        /// <inheritdoc />
        public long Poll(NetworkStack stack, long nowMs)
        {
            if (_listener < 0)
            {
                _listener = stack.Listen(_port, 4);
                if (_listener < 0) { Errors++; return long.MaxValue; }
            }
            while (true)
            {
                int c = stack.Accept(_listener);
                if (c < 0) break;
                Accepted++;
                if (stack.Send(c, Line, 0, Line.Length) != Line.Length) Errors++;
                if (stack.Close(c) != 0) Errors++;
            }
            return long.MaxValue;
        }
    }
}
