namespace NanoTcp.Firmware
{
    /// <summary>
    /// The TCP character generator (RFC 864, port 19): an endless stream of 72-character lines, each starting one
    /// character later in the 95 printable ASCII characters than the one before, every line ended by CR LF.
    /// Received data is read and discarded, as the RFC asks, and the peer's FIN does not stop the stream: only the
    /// peer closing the connection (our next segment draws a RST) does. A send-throughput source.
    /// </summary>
    public sealed class ChargenService : ClassicService
    {
        private const int LineLength = 72;
        private const int Printable = 95;
        private const int LineWithEnd = LineLength + 2;

        private readonly int[] _line;
        private readonly int[] _column;

        /// <summary>Opens <paramref name="port"/> (19 by default, RFC 864).</summary>
        public ChargenService(NetworkStack stack, int port, int maxConnections, ListenerTable listeners, byte[] scratch)
            : base(stack, "chargen", port, maxConnections, listeners, scratch)
        {
            int n = maxConnections < 1 ? 1 : maxConnections;
            _line = new int[n];
            _column = new int[n];
        }

        /// <inheritdoc />
        protected override void OnAccepted(int index)
        {
            _line[index] = 0;
            _column[index] = 0;
        }

        /// <inheritdoc />
        protected override ServiceStep Serve(int index, int connection)
        {
            int got = ReceiveSome(connection, Scratch.Length);
            if (got == Failed) return ServiceStep.Finished;
            int space = Stack.SendSpace(connection);
            if (space < 0) return ServiceStep.Finished;
            if (space == 0) return got > 0 ? ServiceStep.Busy : ServiceStep.Idle;
            int count = space < Scratch.Length ? space : Scratch.Length;
            Generate(index, count);
            int sent = Stack.Send(connection, Scratch, 0, count);
            if (sent < 0) return ServiceStep.Finished;
            BytesSent += sent;
            Rewind(index, count - sent);
            return ServiceStep.Busy;
        }

        // Fills Scratch[0..count) with the pattern, advancing the connection's position.
        private void Generate(int index, int count)
        {
            int line = _line[index], column = _column[index];
            for (int i = 0; i < count; i++)
            {
                if (column < LineLength) Scratch[i] = (byte)(' ' + (line + column) % Printable);
                else Scratch[i] = column == LineLength ? (byte)'\r' : (byte)'\n';
                if (++column == LineWithEnd)
                {
                    column = 0;
                    line = (line + 1) % Printable;
                }
            }
            _line[index] = line;
            _column[index] = column;
        }

        // Steps the position back over bytes the stack did not take, so the stream stays continuous.
        private void Rewind(int index, int bytes)
        {
            int position = _line[index] * LineWithEnd + _column[index] - bytes;
            int period = Printable * LineWithEnd;
            position = ((position % period) + period) % period;
            _line[index] = position / LineWithEnd;
            _column[index] = position % LineWithEnd;
        }
    }
}
