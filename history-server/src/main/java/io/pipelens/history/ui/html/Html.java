package io.pipelens.history.ui.html;

/**
 * A small HTML writer: every text and attribute value goes through {@link #escape}, so a page
 * built with it cannot carry markup from an event log or a log line. Tags and attribute names are
 * the caller's constants, never data.
 *
 * <p>Not thread-safe; one per page.
 */
public final class Html {

  private final StringBuilder out;

  public Html(int capacity) {
    this.out = new StringBuilder(capacity);
  }

  public Html() {
    this(16 * 1024);
  }

  /** Escapes {@code & < > " '} for text and double- or single-quoted attribute values. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder escaped = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement =
          switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
          };
      if (replacement == null) {
        if (escaped != null) {
          escaped.append(c);
        }
      } else {
        if (escaped == null) {
          escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        escaped.append(replacement);
      }
    }
    return escaped == null ? text : escaped.toString();
  }

  /**
   * Opens {@code tag} with attributes given as name/value pairs; a null value leaves the attribute
   * out, an empty name/value pair {@code ("hidden", "")} writes a bare attribute.
   */
  public Html open(String tag, String... attributes) {
    out.append('<').append(tag);
    attributes(attributes);
    out.append('>');
    return this;
  }

  /** A void element such as {@code input} or {@code meta}. */
  public Html empty(String tag, String... attributes) {
    return open(tag, attributes);
  }

  /** An SVG element without children, {@code <rect ... />}: foreign content needs the slash. */
  public Html selfClosing(String tag, String... attributes) {
    out.append('<').append(tag);
    attributes(attributes);
    out.append("/>");
    return this;
  }

  public Html close(String tag) {
    out.append("</").append(tag).append('>');
    return this;
  }

  /** {@code <tag ...>text</tag>}. */
  public Html element(String tag, String text, String... attributes) {
    return open(tag, attributes).text(text).close(tag);
  }

  /** Escaped text. */
  public Html text(String text) {
    out.append(escape(text));
    return this;
  }

  /** Escaped text of a number. */
  public Html text(long number) {
    out.append(number);
    return this;
  }

  /** A link whose text and address are escaped. */
  public Html link(String href, String text, String... attributes) {
    String[] all = new String[attributes.length + 2];
    all[0] = "href";
    all[1] = href;
    System.arraycopy(attributes, 0, all, 2, attributes.length);
    return element("a", text, all);
  }

  /** Markup the caller wrote itself, from constants only: never pass data here. */
  public Html raw(String markup) {
    out.append(markup);
    return this;
  }

  private void attributes(String[] attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name/value pairs");
    }
    for (int i = 0; i < attributes.length; i += 2) {
      String value = attributes[i + 1];
      if (value == null) {
        continue;
      }
      out.append(' ').append(attributes[i]);
      if (!value.isEmpty() || !isBoolean(attributes[i])) {
        out.append("=\"").append(escape(value)).append('"');
      }
    }
  }

  private static boolean isBoolean(String name) {
    return switch (name) {
      case "hidden", "selected", "checked", "disabled", "open", "defer", "required" -> true;
      default -> false;
    };
  }

  public int length() {
    return out.length();
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
