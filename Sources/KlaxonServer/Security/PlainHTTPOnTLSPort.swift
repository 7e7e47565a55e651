internal import HummingbirdCore
internal import Logging
internal import NIOCore

/// A plain HTTP request sent to the TLS port gets the answer Go's `net/http` (so Prometheus) gives:
/// `HTTP/1.0 400 Bad Request` and "Client sent an HTTP request to an HTTPS server.", then the connection closes.
/// Without this BoringSSL just drops the connection, and the client sees an empty reply with no hint why.
///
/// Like Go, only the first five bytes are looked at, and only the request starts Go recognises count; anything
/// else goes to the TLS handler unchanged (which refuses what is not TLS).
struct PlainHTTPOnTLSPort<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value
    let base: Base

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            // Added first, so it sees the bytes before the TLS handler the base adds.
            try channel.pipeline.syncOperations.addHandler(PlainHTTPDetector())
        }.flatMap {
            base.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

/// Looks at the first bytes of a connection (see `PlainHTTPOnTLSPort`), then passes everything through.
final class PlainHTTPDetector: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// Go's `tlsRecordHeaderLooksLikeHTTP`: the five bytes a TLS record header has in their place.
    static let httpStarts: [[UInt8]] = ["GET /", "HEAD ", "POST ", "PUT /", "OPTIO"].map { Array($0.utf8) }
    static let response = "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n"

    enum Verdict: Equatable {
        case undecided
        case tls
        case plainHTTP
    }

    private var pending: ByteBuffer?
    private var verdict = Verdict.undecided

    /// What the first bytes say: plain HTTP only for one of Go's five starts; undecided while fewer than five bytes
    /// could still become one.
    static func classify(_ head: [UInt8]) -> Verdict {
        let prefix = Array(head.prefix(5))
        let matching = httpStarts.filter { $0.starts(with: prefix) }
        if matching.isEmpty { return .tls }
        return prefix.count == 5 ? .plainHTTP : .undecided
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if verdict == .tls {
            context.fireChannelRead(data)
            return
        }
        if verdict == .plainHTTP { return }
        var buffer = Self.unwrapInboundIn(data)
        if var earlier = pending {
            earlier.writeBuffer(&buffer)
            buffer = earlier
        }
        verdict = Self.classify(buffer.getBytes(at: buffer.readerIndex, length: min(5, buffer.readableBytes)) ?? [])
        switch verdict {
        case .undecided:
            pending = buffer
        case .tls:
            pending = nil
            context.fireChannelRead(Self.wrapInboundOut(buffer))
        case .plainHTTP:
            pending = nil
            let channel = context.channel
            let answer = context.channel.allocator.buffer(string: Self.response)
            // Written below the TLS handler: the bytes go out as they are.
            let written = context.eventLoop.makePromise(of: Void.self)
            context.writeAndFlush(NIOAny(answer), promise: written)
            written.futureResult.whenComplete { _ in channel.close(promise: nil) }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        // A connection that ended within its first bytes: hand them to TLS, which reports the short input.
        if let buffer = pending, verdict == .undecided {
            pending = nil
            verdict = .tls
            context.fireChannelRead(Self.wrapInboundOut(buffer))
        }
        context.fireChannelInactive()
    }
}
