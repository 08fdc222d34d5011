using System.IO;
using System.Text;

namespace NanoTcp.VirtualBoard.Board
{
    /// <summary>
    /// The live one-line status: frames in/out, drops, connection slots in use and how many are in each state.
    /// On a terminal it rewrites one line every second; otherwise it prints a line every ten seconds.
    /// </summary>
    public sealed class StatusLine
    {
        private readonly TextWriter _out;
        private readonly bool _terminal;
        private readonly int[] _states = new int[11];
        private readonly StringBuilder _line = new StringBuilder(160);
        private int _ticks;
        private int _lastLength;

        /// <summary>Writes to <paramref name="output"/>; <paramref name="terminal"/> selects in-place updates.</summary>
        public StatusLine(TextWriter output, bool terminal)
        {
            _out = output;
            _terminal = terminal;
        }

        /// <summary>Formats the current status of <paramref name="board"/> (loop thread).</summary>
        public string Format(VirtualBoard board)
        {
            NetworkStack s = board.Stack;
            System.Array.Clear(_states, 0, _states.Length);
            var info = new TcpConnectionInfo();
            int used = 0;
            for (int slot = 0; slot < s.ConnectionSlotCount; slot++)
            {
                if (!s.GetConnectionInfo(slot, info)) continue;
                used++;
                int st = (int)info.State;
                if (st >= 0 && st < _states.Length) _states[st]++;
            }
            StackCounters c = s.Counters;
            _line.Clear();
            _line.Append('[').Append((board.NowMs / 1000).ToString().PadLeft(5)).Append("s] frames in ").Append(c.FramesReceived)
                 .Append(" out ").Append(c.FramesSent).Append(" drops ").Append(c.TotalDrops)
                 .Append(" | conns ").Append(used).Append('/').Append(s.ConnectionSlotCount);
            for (int st = 1; st < _states.Length; st++)
                if (_states[st] > 0) _line.Append(' ').Append(Trace.LadderTracer.Name((TcpState)st)).Append(' ').Append(_states[st]);
            _line.Append(" | retransmits ").Append(c.TcpRetransmissions);
            return _line.ToString();
        }

        /// <summary>Called once a second by the board.</summary>
        public void Update(VirtualBoard board)
        {
            if (!_terminal && (_ticks++ % 10) != 0) return;
            string text = Format(board);
            if (_terminal)
            {
                int pad = _lastLength - text.Length;
                _out.Write("\r" + text + (pad > 0 ? new string(' ', pad) : ""));
                _lastLength = text.Length;
            }
            else
            {
                _out.WriteLine(text);
            }
            _out.Flush();
        }

        /// <summary>Ends the in-place line so later output starts on a fresh one.</summary>
        public void End()
        {
            if (_terminal && _lastLength > 0) _out.WriteLine();
        }
    }
}
