//! A small HTTP/1.1 server on std::net, enough for a local preview: GET and HEAD,
//! one thread per connection, `Connection: close`. Paths are validated before a
//! map lookup (no `..`, no encoded separators, no backslashes or NUL), the Host
//! header must name this server (DNS-rebinding guard), and the reload channel
//! only answers pages of this server (Origin check). No CORS headers, no
//! directory listing, `Cache-Control: no-store`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;

/// What the client asked for, once validated.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    pub head_only: bool,
    /// Site path without the leading `/`, decoded, `index.html` appended to folders.
    pub path: String,
    pub host: Option<String>,
    pub origin: Option<String>,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    BadRequest,
    MethodNotAllowed,
}

/// Read one request head (at most 16 KiB) and validate it.
pub fn read_request(stream: &mut TcpStream) -> Result<Request, Refusal> {
    let mut reader = BufReader::new(stream.take(16 * 1024));
    let mut line = String::new();
    reader.read_line(&mut line).map_err(|_| Refusal::BadRequest)?;
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Err(Refusal::BadRequest);
    };
    let head_only = match method {
        "GET" => false,
        "HEAD" => true,
        _ => return Err(Refusal::MethodNotAllowed),
    };
    let (mut host, mut origin) = (None, None);
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) => break,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {
                if let Some((name, value)) = header.split_once(':') {
                    match name.trim().to_ascii_lowercase().as_str() {
                        "host" => host = Some(value.trim().to_string()),
                        "origin" => origin = Some(value.trim().to_string()),
                        _ => {}
                    }
                }
            }
            Err(_) => return Err(Refusal::BadRequest),
        }
    }
    let path = site_path(target).ok_or(Refusal::BadRequest)?;
    Ok(Request { head_only, path, host, origin })
}

/// `/lessons/%E5%AE%A2.html?x#y` → `lessons/客.html`. None for anything that could
/// step outside the site: `..`, `.`, empty segments, encoded `/` or `\`, NUL.
pub fn site_path(target: &str) -> Option<String> {
    let target = target.split(['?', '#']).next()?;
    let rest = target.strip_prefix('/')?;
    if rest.starts_with('/') || target.contains('\\') {
        return None;
    }
    let mut segments = Vec::new();
    let raw: Vec<&str> = rest.split('/').collect();
    for (i, seg) in raw.iter().enumerate() {
        if seg.is_empty() {
            if i + 1 == raw.len() {
                continue; // trailing slash: a folder
            }
            return None;
        }
        let decoded = percent_decode_strict(seg)?;
        if decoded == ".." || decoded == "." || decoded.contains(['/', '\\', '\0']) || decoded.contains(':') {
            return None;
        }
        segments.push(decoded);
    }
    let mut path = segments.join("/");
    if path.is_empty() || target.ends_with('/') {
        path = if path.is_empty() { "index.html".into() } else { format!("{path}/index.html") };
    }
    Some(path)
}

/// Decode `%XX` once; malformed escapes or invalid UTF-8 refuse the request.
fn percent_decode_strict(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Is `host` (the Host header) a name of this server? Only the name is checked,
/// not the port: through SSH or an editor's port forwarding the browser asks for
/// `localhost:8080` while we listen on another port, and that is still us. The
/// name is what guards against DNS rebinding (a foreign name resolving to us).
pub fn host_allowed(host: Option<&str>, bind: &str) -> bool {
    let Some(name) = host.and_then(host_name) else { return false };
    let bind = bracketed(bind);
    ["localhost", "127.0.0.1", "[::1]", bind.as_str()].iter().any(|allowed| name.eq_ignore_ascii_case(allowed))
}

/// The name part of a Host header: `[::1]:8080` → `[::1]`, `localhost:80` →
/// `localhost`. None when what follows the name is not a port number.
fn host_name(host: &str) -> Option<&str> {
    let (name, port) = match host.strip_prefix('[') {
        Some(rest) => {
            let end = rest.find(']')? + 2; // through the closing bracket
            (&host[..end], &host[end..])
        }
        None => host.split_at(host.find(':').unwrap_or(host.len())),
    };
    let port_ok = port.is_empty()
        || port.strip_prefix(':').is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    (port_ok && !name.is_empty()).then_some(name)
}

/// An IPv6 bind address as a Host header writes it: `::1` → `[::1]`.
fn bracketed(bind: &str) -> String {
    if bind.contains(':') && !bind.starts_with('[') {
        format!("[{bind}]")
    } else {
        bind.to_string()
    }
}

/// The reload channel answers only pages served from here. Browsers send Origin
/// on every cross-origin EventSource request but not on a same-origin GET, so no
/// Origin means our own page (or a tool like curl), a foreign one is refused. As
/// for Host, the port is not compared: a forwarded port is still this server.
pub fn origin_allowed(origin: Option<&str>, bind: &str) -> bool {
    match origin {
        None => true,
        Some(o) => o.strip_prefix("http://").is_some_and(|host| host_allowed(Some(host), bind)),
    }
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

/// Write a complete response.
pub fn respond(stream: &mut TcpStream, status: u16, content_type: &str, body: &[u8], head_only: bool) {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        503 => "Service Unavailable",
        _ => "Error",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n{}\r\n",
        body.len(),
        if status == 405 { "Allow: GET, HEAD\r\n" } else { "" }
    );
    let _ = stream.write_all(head.as_bytes());
    if !head_only {
        let _ = stream.write_all(body);
    }
    let _ = stream.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_decoded_once_and_traversal_refused() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/lessons/").as_deref(), Some("lessons/index.html"));
        assert_eq!(site_path("/lessons/%E5%AE%A2.html?x=1#a").as_deref(), Some("lessons/客.html"));
        assert_eq!(site_path("/a%20b.html").as_deref(), Some("a b.html"));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/..%2fetc/passwd",
            "/a/%2E%2E/%2E%2E/x",
            "//etc/passwd",
            "/..\\..\\x",
            "/..%5c..%5cx",
            "/C:/x",
            "/a//b",
            "/a%00b",
            "/%zz",
            "relative",
            "/./index.html",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn host_and_origin_must_name_this_server() {
        assert!(host_allowed(Some("127.0.0.1:1111"), "127.0.0.1"));
        assert!(host_allowed(Some("localhost:1111"), "127.0.0.1"));
        assert!(!host_allowed(Some("evil.example:1111"), "127.0.0.1"));
        assert!(!host_allowed(None, "127.0.0.1"));
        assert!(origin_allowed(Some("http://localhost:1111"), "127.0.0.1"));
        assert!(!origin_allowed(Some("http://evil.example"), "127.0.0.1"));
        assert!(!origin_allowed(Some("https://localhost:1111"), "127.0.0.1"));
        assert!(origin_allowed(None, "127.0.0.1"));
    }

    #[test]
    fn any_port_of_our_names_is_us() {
        // A forwarded port (ssh -L 8080:localhost:1111, an editor's forwarding).
        for host in ["localhost:8080", "127.0.0.1:2222", "[::1]:8080", "localhost", "LocalHost:80", "[::1]"] {
            assert!(host_allowed(Some(host), "127.0.0.1"), "{host}");
        }
        assert!(origin_allowed(Some("http://localhost:8080"), "127.0.0.1"));
        // The bound address, IPv4 or IPv6, with or without a port.
        assert!(host_allowed(Some("192.168.1.5:8080"), "192.168.1.5"));
        assert!(host_allowed(Some("[fe80::1]:3000"), "fe80::1"));
        assert!(host_allowed(Some("[fe80::1]"), "[fe80::1]"));
    }

    #[test]
    fn foreign_or_malformed_hosts_are_refused() {
        for host in [
            "evil.example",
            "evil.example:1111",
            "localhost.evil.example:1111",
            "evillocalhost:1111",
            "127.0.0.1.nip.io:1111",
            "localhost:80:80",
            "localhost:",
            "localhost:http",
            "localhost@evil.example",
            "[::1]x",
            "[::1",
            "[::2]:1111",
            ":1111",
            "",
        ] {
            assert!(!host_allowed(Some(host), "127.0.0.1"), "{host}");
        }
        assert!(!host_allowed(Some("10.0.0.1:1111"), "127.0.0.1"));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/b.HTML"), "text/html; charset=utf-8");
        assert_eq!(content_type("x.svg"), "image/svg+xml; charset=utf-8");
        assert_eq!(content_type("x.woff2"), "font/woff2");
        assert_eq!(content_type("x"), "application/octet-stream");
    }
}
