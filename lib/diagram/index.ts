export { defineDiagram, type LabDiagram } from './define';
export { diagramLab, GENERIC_NOTE, type DiagramRun, type DiagramRunOptions } from './discover';
export { renderDot } from './dot';
export { DIAGRAM_FORMAT_VERSION, edgeId, flowOrder, GraphBuilder, KIND_NAMES, NODE_KINDS, type DiagramEdge, type DiagramGraph, type DiagramNode, type DiagramRequirement, type NodeKind, type NodeState } from './graph';
export { renderMermaid } from './mermaid';
export { DiagramStoreError, loadStoredDiagram, storeDiagram } from './store';
export { dotToSvg, renderSvg, SvgRenderError, svgRenderer, type SvgRenderer } from './svg';
export { renderText, type TextOptions } from './text';
