// The document Plot draws a chart in at build time: a small DOM of our own, made for what Plot and d3-selection do while
// drawing (create elements, set attributes and styles, append and insert, set text) and for writing the result out.
//
// It replaced linkedom, a whole DOM with an HTML parser, selectors and events: a chart makes thousands of nodes and
// attributes, and linkedom's per-node bookkeeping (a linked list of start, end and attribute nodes, WeakMaps for
// styles and listeners) was about half of drawing one, with most of the garbage. Here a node is an object with a
// parent, an array of children and arrays of attribute names and values.
//
// The markup is written as linkedom wrote it, so the charts stayed byte-identical: attributes newest first (linkedom
// inserted each new attribute right after the tag name), an empty `id`, `class` or `style` left out, SVG elements
// without children closed with ` />`, text and attribute values with `&`, `<`, `>` and no-break spaces escaped (and `"`
// in attributes) but an HTML style's text as it is, a style attribute as `name:value` pairs joined by `;`.
//
// What it does not do fails loudly: a selector other than `*` throws, and so does any DOM method it lacks (Plot's
// interactive marks, waffles and GeoJSON clips are not used by the site's charts; the chart tests draw every builder).

const SVG = "http://www.w3.org/2000/svg";
const XHTML = "http://www.w3.org/1999/xhtml";
/** HTML elements written without a closing tag. */
const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/** HTML elements whose text is written as it is. */
const RAW_TEXT = new Set(["script", "style"]);

const ESCAPED = /[<>&\xA0]/g;
const ENTITY: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", "\xA0": "&#160;" };
const escapeText = (text: string) => (/[<>&\xA0]/.test(text) ? text.replace(ESCAPED, (c) => ENTITY[c]!) : text);
const escapeAttribute = (value: string) => {
  const text = escapeText(value);
  return text.includes('"') ? text.replaceAll('"', "&quot;") : text;
};
const hyphenate = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

abstract class ChartNode {
  parentNode: ChartParent | null = null;
  abstract readonly nodeType: number;
  readonly ownerDocument: ChartDocument;
  constructor(ownerDocument: ChartDocument) {
    this.ownerDocument = ownerDocument;
  }

  get parentElement(): ChartElement | null {
    return this.parentNode instanceof ChartElement ? this.parentNode : null;
  }
  get nextSibling(): ChartNode | null {
    const siblings = this.parentNode?.childNodes;
    return siblings ? (siblings[siblings.indexOf(this) + 1] ?? null) : null;
  }
  get previousSibling(): ChartNode | null {
    const siblings = this.parentNode?.childNodes;
    return siblings ? (siblings[siblings.indexOf(this) - 1] ?? null) : null;
  }
  /** Never in a page: charts are drawn detached. */
  get isConnected(): boolean {
    return false;
  }
  remove(): void {
    this.parentNode?.removeChild(this);
  }
  /** DOCUMENT_POSITION_FOLLOWING (4) when `other` comes after this node, PRECEDING (2) when before (d3's order()). */
  compareDocumentPosition(other: ChartNode): number {
    const path = (node: ChartNode) => {
      const nodes: ChartNode[] = [];
      for (let n: ChartNode | null = node; n; n = n.parentNode) nodes.unshift(n);
      return nodes;
    };
    const a = path(this);
    const b = path(other);
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (i === a.length) return i === b.length ? 0 : 4 | 16; // other is inside this
    if (i === b.length) return 2 | 8; // this is inside other
    if (i === 0) return 1; // different trees
    const siblings = (a[i - 1] as ChartParent).childNodes;
    return siblings.indexOf(b[i]!) > siblings.indexOf(a[i]!) ? 4 : 2;
  }
  abstract get textContent(): string;
  abstract write(out: string[]): void;
}

class ChartText extends ChartNode {
  readonly nodeType = 3;
  data: string;
  constructor(ownerDocument: ChartDocument, data: string) {
    super(ownerDocument);
    this.data = data;
  }
  get nodeValue(): string {
    return this.data;
  }
  get textContent(): string {
    return this.data;
  }
  set textContent(value: string) {
    this.data = String(value);
  }
  write(out: string[]): void {
    out.push(escapeText(this.data));
  }
}

abstract class ChartParent extends ChartNode {
  readonly childNodes: ChartNode[] = [];

  get firstChild(): ChartNode | null {
    return this.childNodes[0] ?? null;
  }
  get lastChild(): ChartNode | null {
    return this.childNodes[this.childNodes.length - 1] ?? null;
  }
  get children(): ChartElement[] {
    return this.childNodes.filter((n): n is ChartElement => n instanceof ChartElement);
  }
  appendChild<T extends ChartNode>(node: T): T {
    return this.insertBefore(node, null);
  }
  insertBefore<T extends ChartNode>(node: T, before: ChartNode | null | undefined): T {
    node.parentNode?.removeChild(node);
    if (before == null) this.childNodes.push(node);
    else {
      const at = this.childNodes.indexOf(before);
      if (at < 0) throw new Error("insertBefore: the reference node is not a child of this node");
      this.childNodes.splice(at, 0, node);
    }
    node.parentNode = this;
    return node;
  }
  removeChild<T extends ChartNode>(node: T): T {
    const at = this.childNodes.indexOf(node);
    if (at < 0) throw new Error("removeChild: not a child of this node");
    this.childNodes.splice(at, 1);
    node.parentNode = null;
    return node;
  }
  append(...nodes: (ChartNode | string)[]): void {
    for (const node of nodes) this.appendChild(typeof node === "string" ? this.ownerDocument.createTextNode(node) : node);
  }
  /** Only `*` (every element below, in document order): the one selector the charts use. */
  querySelectorAll(selector: string): ChartElement[] {
    if (selector !== "*") throw new Error(`unsupported selector: ${selector}`);
    const found: ChartElement[] = [];
    const walk = (parent: ChartParent) => {
      for (const child of parent.childNodes) {
        if (child instanceof ChartElement) {
          found.push(child);
          walk(child);
        }
      }
    };
    walk(this);
    return found;
  }
  querySelector(selector: string): ChartElement | null {
    return this.querySelectorAll(selector)[0] ?? null;
  }
  get textContent(): string {
    return this.childNodes.map((n) => n.textContent).join("");
  }
  set textContent(value: string | null) {
    for (const child of this.childNodes) child.parentNode = null;
    this.childNodes.length = 0;
    if (value != null && value !== "") this.appendChild(this.ownerDocument.createTextNode(String(value)));
  }
}

/** An element's `style`: its style attribute read and written as `name:value;…` pairs. */
class ChartStyle {
  readonly element: ChartElement;
  constructor(element: ChartElement) {
    this.element = element;
  }
  pairs(): Map<string, string> {
    const pairs = new Map<string, string>();
    for (const rule of (this.element.getAttribute("style") ?? "").split(/\s*;\s*/)) {
      const [name, ...rest] = rule.split(":");
      const key = name!.trim();
      const value = rest.join(":").trim();
      if (rest.length > 0 && key && value) pairs.set(key, value);
    }
    return pairs;
  }
  getPropertyValue(name: string): string {
    return this.pairs().get(name) ?? "";
  }
  setProperty(name: string, value: unknown): void {
    const pairs = this.pairs();
    if (value == null) pairs.delete(name);
    else pairs.set(name, String(value));
    this.element.setAttribute("style", [...pairs].map(([k, v]) => `${k}:${v}`).join(";"));
  }
  removeProperty(name: string): void {
    this.setProperty(name, null);
  }
  get cssText(): string {
    return this.element.getAttribute("style") ?? "";
  }
  set cssText(value: string) {
    this.element.setAttribute("style", value);
  }
}

/** `style.maxWidth = "initial"` sets `max-width`, as in a browser. */
const styleProperties: ProxyHandler<ChartStyle> = {
  get: (style, name) => (typeof name !== "string" || name in style ? Reflect.get(style, name) : style.getPropertyValue(hyphenate(name))),
  set: (style, name, value) => {
    if (typeof name !== "string" || name in style) return Reflect.set(style, name, value);
    style.setProperty(hyphenate(name), value);
    return true;
  },
};

class ChartElement extends ChartParent {
  readonly nodeType = 1;
  // Attribute names and values in the order they were first set (written newest first); an element has a handful.
  readonly #names: string[] = [];
  readonly #values: string[] = [];
  readonly namespaceURI: string;
  readonly localName: string;
  #style: ChartStyle | undefined;

  constructor(ownerDocument: ChartDocument, namespaceURI: string, localName: string) {
    super(ownerDocument);
    this.namespaceURI = namespaceURI;
    this.localName = localName;
  }
  get tagName(): string {
    return this.namespaceURI === XHTML ? this.localName.toUpperCase() : this.localName;
  }
  get nodeName(): string {
    return this.tagName;
  }
  getAttribute(name: string): string | null {
    const i = this.#names.indexOf(name);
    return i < 0 ? null : this.#values[i]!;
  }
  setAttribute(name: string, value: unknown): void {
    const i = this.#names.indexOf(name);
    if (i < 0) {
      this.#names.push(name);
      this.#values.push(String(value));
    } else this.#values[i] = String(value);
  }
  /** xlink:href and the like are written by their local name, as linkedom did. */
  setAttributeNS(_namespace: string | null, name: string, value: unknown): void {
    this.setAttribute(name, value);
  }
  removeAttribute(name: string): void {
    const i = this.#names.indexOf(name);
    if (i < 0) return;
    this.#names.splice(i, 1);
    this.#values.splice(i, 1);
  }
  removeAttributeNS(_namespace: string | null, name: string): void {
    this.removeAttribute(name);
  }
  hasAttribute(name: string): boolean {
    return this.#names.includes(name);
  }
  get id(): string {
    return this.getAttribute("id") ?? "";
  }
  set id(value: string) {
    this.setAttribute("id", value);
  }
  get className(): string {
    return this.getAttribute("class") ?? "";
  }
  set className(value: string) {
    this.setAttribute("class", value);
  }
  get style(): ChartStyle {
    return (this.#style ??= new Proxy(new ChartStyle(this), styleProperties));
  }
  set style(value: string) {
    this.setAttribute("style", value);
  }
  // Plot listens only for its interactive marks, which the charts do not use.
  addEventListener(): void {}
  removeEventListener(): void {}
  dispatchEvent(): boolean {
    return true;
  }
  get outerHTML(): string {
    const out: string[] = [];
    this.write(out);
    return out.join("");
  }
  get innerHTML(): string {
    const out: string[] = [];
    for (const child of this.childNodes) child.write(out);
    return out.join("");
  }
  write(out: string[]): void {
    out.push(`<${this.localName}`);
    const names = this.#names;
    for (let i = names.length - 1; i >= 0; i--) {
      const name = names[i]!;
      const value = this.#values[i]!;
      if (value === "" && (name === "id" || name === "class" || name === "style")) continue;
      out.push(` ${name}="${escapeAttribute(value)}"`);
    }
    if (this.childNodes.length === 0) {
      out.push(this.namespaceURI === SVG ? " />" : VOID.has(this.localName) ? ">" : `></${this.localName}>`);
      return;
    }
    out.push(">");
    // an HTML style or script holds raw text (a legend's CSS has `>` in it); SVG's are parsed as foreign content
    if (this.namespaceURI === XHTML && RAW_TEXT.has(this.localName)) out.push(this.textContent);
    else for (const child of this.childNodes) child.write(out);
    out.push(`</${this.localName}>`);
  }
}

/** Plot dispatches an `input` event only from interactive marks; the class is there for its `defaultView.Event`. */
class ChartEvent {
  readonly type: string;
  constructor(type: string) {
    this.type = type;
  }
}

class ChartDocument {
  readonly documentElement: ChartElement;
  readonly body: ChartElement;
  readonly defaultView = { Event: ChartEvent };
  constructor() {
    this.documentElement = this.createElement("html");
    this.body = this.documentElement.appendChild(this.createElement("body"));
  }
  createElement(name: string): ChartElement {
    return new ChartElement(this, XHTML, name.toLowerCase());
  }
  createElementNS(namespace: string | null, name: string): ChartElement {
    return new ChartElement(this, namespace ?? XHTML, name);
  }
  createTextNode(text: string): ChartText {
    return new ChartText(this, String(text));
  }
}

/** A new, empty document for one chart (typed as the DOM's for Plot's `document` option). */
export function newDocument(): Document {
  return new ChartDocument() as unknown as Document;
}
